import { CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { ActionItemSummaryView } from '@crm/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionItemSummaryQueryDto } from './action-item-summary.dto';
import { ActionItemSummaryService } from './action-item-summary.service';

/**
 * Listed before ActionItemController in MeetingsModule: Express matches routes in the order they
 * are added, and GET action-items/:id would otherwise answer "summary" with 400 (not a UUID).
 */
@ApiTags('交办事项 action items')
@Controller()
export class ActionItemSummaryController {
  constructor(private readonly summaries: ActionItemSummaryService) {}

  /**
   * 交办事项完成率 and open/overdue items at a date (default today, Shanghai), by chain (the
   * chains the user may read) or by owner unit (the items the user may see).
   */
  @SignedIn()
  @Get('action-items/summary')
  @ApiOkResponse({ description: 'ActionItemSummaryView' })
  @ApiBadRequestResponse({ description: 'by is not chain or unit, or asOf is not a date' })
  summary(@CurrentUser() user: AuthUser, @Query() query: ActionItemSummaryQueryDto): Promise<ActionItemSummaryView> {
    return this.summaries.summary(user, query.by ?? 'chain', query.asOf);
  }
}
