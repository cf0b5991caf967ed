import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { ActionItemView } from '@crm/domain';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ActionItemDto, ActionItemListQueryDto, ActionItemNoteDto, ActionItemStatusDto } from './action-item.dto';
import { ActionItemService } from './action-item.service';

const uuid = new ParseUUIDPipe();

@ApiTags('交办事项 action items')
@Controller()
export class ActionItemController {
  constructor(private readonly items: ActionItemService) {}

  /** A meeting's decision becomes an action item; its owner is notified. */
  @Allow('staff', 'office')
  @Post('meetings/:id/action-items')
  @ApiCreatedResponse({ description: 'ActionItemView' })
  @ApiNotFoundResponse({ description: 'No such meeting, or one the user may not read' })
  @ApiForbiddenResponse({ description: 'Not staff of the meeting’s chains nor the office' })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: ActionItemDto,
  ): Promise<ActionItemView> {
    return this.items.create(user, id, body);
  }

  /** A chain's or a unit's items: open (default), overdue, or all. */
  @SignedIn()
  @Get('action-items')
  @ApiOkResponse({ description: 'ActionItemView[]' })
  @ApiForbiddenResponse({ description: 'A chain the user may not read' })
  list(@CurrentUser() user: AuthUser, @Query() query: ActionItemListQueryDto): Promise<ActionItemView[]> {
    return this.items.list(user, query);
  }

  @SignedIn()
  @Get('action-items/:id')
  @ApiOkResponse({ description: 'ActionItemView' })
  @ApiNotFoundResponse({ description: 'No such item, or one the user may not see' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ActionItemView> {
    return this.items.get(user, id);
  }

  /** open → in-progress → done; done needs a note of what was done. Owner or office. */
  @SignedIn()
  @Post('action-items/:id/status')
  @ApiCreatedResponse({ description: 'ActionItemView' })
  @ApiForbiddenResponse({ description: 'Not the owner, the owner unit’s staff nor the office' })
  @ApiUnprocessableEntityResponse({ description: 'A move not allowed, or closing without a note' })
  @ApiConflictResponse({ description: 'A stale version: the body carries the current item' })
  move(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: ActionItemStatusDto,
  ): Promise<ActionItemView> {
    return this.items.move(user, id, body.status, body.note, body.version);
  }

  /** A progress note (进展情况). Owner or office. */
  @SignedIn()
  @Post('action-items/:id/notes')
  @ApiCreatedResponse({ description: 'ActionItemView' })
  @ApiForbiddenResponse({ description: 'Not the owner, the owner unit’s staff nor the office' })
  addNote(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: ActionItemNoteDto,
  ): Promise<ActionItemView> {
    return this.items.addNote(user, id, body.text);
  }
}
