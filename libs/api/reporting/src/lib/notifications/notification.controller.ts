import { CurrentUser, SignedIn, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import type { NotificationListView, NotificationView } from '@crm/domain';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { refuse } from '../common/errors';
import { NotificationService } from './notification.service';

/** 站内通知: every signed-in user reads their own. */
@ApiTags('通知 notifications')
@Controller('notifications')
export class NotificationController {
  constructor(
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The latest 50, newest first, with the unread count. */
  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<NotificationListView> {
    return this.notifications.list(user.id);
  }

  @SignedIn()
  @Get('unread-count')
  async unreadCount(
    @CurrentUser() user: AuthUser,
  ): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @SignedIn()
  @Post('read-all')
  @HttpCode(200)
  async markAllRead(
    @CurrentUser() user: AuthUser,
  ): Promise<{ marked: number }> {
    return {
      marked: await this.notifications.markAllRead(user.id, this.clock.now()),
    };
  }

  @SignedIn()
  @Post(':id/read')
  @HttpCode(200)
  async markRead(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<NotificationView> {
    const view = await this.notifications.markRead(
      user.id,
      id,
      this.clock.now(),
    );
    if (!view) throw refuse.notFound('该通知', `notification ${id}`);
    return view;
  }
}
