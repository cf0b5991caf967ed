import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { RemindUnitResult, SubmissionBoardView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ParsePeriodPipe } from '../common/errors';
import { RemindUnitDto } from './submission-board.dto';
import { SubmissionBoardService } from './submission-board.service';

const period = new ParsePeriodPipe();

/**
 * 报送情况 and 一键催报. Registered before MonthlyReportController, whose GET :id would otherwise
 * take "board" for a report id.
 */
@ApiTags('月报 monthly reports')
@Controller('monthly-reports')
export class SubmissionBoardController {
  constructor(private readonly board: SubmissionBoardService) {}

  /** Units × months with each cell's state (office, admin; leaders: the units of their chains). */
  @Allow('office', 'admin', 'leader')
  @Get('board')
  get(
    @CurrentUser() user: AuthUser,
    @Query('from', period) from: string,
    @Query('to', period) to: string,
  ): Promise<SubmissionBoardView> {
    return this.board.board(user, from, to);
  }

  /** Reminds one unit at once: its staff are notified in-app, by e-mail and the group robot. */
  @Allow('office')
  @Post('reminders')
  @HttpCode(201)
  @ApiConflictResponse({ description: 'Reminded by hand this very minute' })
  @ApiUnprocessableEntityResponse({
    description:
      'Already submitted, period locked or not open, or no staff to tell',
  })
  remind(
    @CurrentUser() user: AuthUser,
    @Body() input: RemindUnitDto,
  ): Promise<RemindUnitResult> {
    return this.board.remind(user, input);
  }
}
