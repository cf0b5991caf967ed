import { Allow, AnswerCache, CurrentUser, readScope, sendAnswer, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { shanghaiToday, type AlertListView, type ChainCockpitView, type CockpitView } from '@crm/domain';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AlertService } from './alerts/alert.service';
import { ChainPageService } from './chain-page/chain-page.service';
import { CockpitChains } from './common/cockpit-chains';
import { AlertQueryDto, CockpitQueryDto } from './cockpit.dto';
import { CockpitService } from './figures/cockpit.service';

/** 领导驾驶舱: for the leaders (their chains), the office and admin (all seven). */
@ApiTags('领导驾驶舱 cockpit')
@Controller('cockpit')
export class CockpitController {
  constructor(
    private readonly cockpit: CockpitService,
    private readonly chainPage: ChainPageService,
    private readonly alerts: AlertService,
    private readonly chains: CockpitChains,
    private readonly cache: AnswerCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The chains side by side for a year and month, the totals, the trend and the quarter ranking.
   * Built once per data version, day and chain scope (AnswerCache), sent with an ETag.
   */
  @Allow('leader', 'office', 'admin')
  @Get()
  @ApiOkResponse({ description: 'CockpitView' })
  async city(@CurrentUser() user: AuthUser, @Query() query: CockpitQueryDto, @Res() res: Response): Promise<void> {
    const answer = await this.cache.answer(
      'cockpit',
      [query.year ?? null, query.month ?? null, readScope(user)],
      (): Promise<CockpitView> => this.cockpit.city(user, query.year, query.month),
    );
    sendAnswer(res, answer);
  }

  /** What needs attention, by the office's Ns; every chain the user may read, or one. */
  @Allow('leader', 'office', 'admin')
  @Get('alerts')
  @ApiOkResponse({ description: 'AlertListView' })
  @ApiForbiddenResponse({ description: 'A chain the user does not lead' })
  async alertList(@CurrentUser() user: AuthUser, @Query() query: AlertQueryDto): Promise<AlertListView> {
    // Today on the cockpit's clock, as the city view counts them.
    const today = shanghaiToday(this.clock.now());
    if (query.chain) {
      const chain = await this.chains.readable(user, query.chain);
      return this.alerts.list([chain], today, chain);
    }
    return this.alerts.list(await this.chains.visible(user), today);
  }

  /** One chain's page for its leaders; cached as the city view (a refusal is never kept). */
  @Allow('leader', 'office', 'admin')
  @Get('chains/:code')
  @ApiOkResponse({ description: 'ChainCockpitView' })
  @ApiForbiddenResponse({ description: 'A chain the user does not lead' })
  async chain(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Query() query: CockpitQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.cache.answer(
      'cockpit/chain',
      [code, query.year ?? null, query.month ?? null, readScope(user)],
      (): Promise<ChainCockpitView> => this.chainPage.page(user, code, query.year, query.month),
    );
    sendAnswer(res, answer);
  }
}
