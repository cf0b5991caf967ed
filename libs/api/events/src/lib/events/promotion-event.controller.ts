import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import { PROMOTION_EVENT_KINDS, type PromotionEventKind, type PromotionEventSummary, type PromotionEventView } from '@crm/domain';
import { BadRequestException, Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PromotionEventDto, UpdatePromotionEventDto } from './promotion-event.dto';
import { PromotionEventService } from './promotion-event.service';

function bad(field: string, msg: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: msg, errors: { [field]: [msg] } });
}

/** 招商活动: office and staff record them; everyone who may read an event's chains reads it. */
@ApiTags('招商活动 promotion events')
@Controller('events')
export class PromotionEventController {
  constructor(private readonly events: PromotionEventService) {}

  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser, @Query('year') year?: string, @Query('kind') kind?: string): Promise<PromotionEventSummary[]> {
    if (year !== undefined && !(/^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100)) {
      throw bad('year', '年度应为2000至2100之间的四位数字 / year must be a year between 2000 and 2100');
    }
    if (kind !== undefined && !(PROMOTION_EVENT_KINDS as readonly string[]).includes(kind)) {
      throw bad('kind', `活动形式应为展会、外出招商、论坛、以商招商或网上招商 / kind must be one of: ${PROMOTION_EVENT_KINDS.join(', ')}`);
    }
    return this.events.list(user, { year: year ? Number(year) : undefined, kind: kind as PromotionEventKind | undefined });
  }

  @SignedIn()
  @Get(':id')
  view(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PromotionEventView> {
    return this.events.view(user, id);
  }

  @Allow('office', 'staff')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: PromotionEventDto): Promise<PromotionEventView> {
    return this.events.create(user, body);
  }

  @Allow('office', 'staff')
  @Put(':id')
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: UpdatePromotionEventDto): Promise<PromotionEventView> {
    return this.events.update(user, id, body);
  }
}
