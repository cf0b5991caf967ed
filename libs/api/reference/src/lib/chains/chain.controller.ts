import { isCalendarDate, isChainCode, shanghaiToday, type ChainView, type Clock } from '@crm/domain';
import { SignedIn, CLOCK } from '@crm/api/core';
import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ChainService } from './chain.service';

@ApiTags('产业链 chains')
@Controller('chains')
export class ChainController {
  constructor(
    private readonly chains: ChainService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The seven chains with leaders, units, anchor firms, key tasks and targets, as on a date (default today). */
  @SignedIn()
  @Get()
  @ApiQuery({ name: 'on', required: false, description: 'YYYY-MM-DD; default today (Asia/Shanghai)' })
  @ApiOkResponse({ description: 'ChainView[]' })
  findAll(@Query('on') on?: string): Promise<ChainView[]> {
    return this.chains.findAll(this.onDate(on));
  }

  @SignedIn()
  @Get(':code')
  @ApiQuery({ name: 'on', required: false, description: 'YYYY-MM-DD; default today (Asia/Shanghai)' })
  async findOne(@Param('code') code: string, @Query('on') on?: string): Promise<ChainView> {
    const chain = isChainCode(code) ? await this.chains.findByCode(code, this.onDate(on)) : null;
    if (!chain) throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
    return chain;
  }

  private onDate(on: string | undefined): string {
    if (on === undefined) return shanghaiToday(this.clock.now());
    if (!isCalendarDate(on)) {
      throw new BadRequestException({
        statusCode: 400,
        message: '日期应为 YYYY-MM-DD / on must be a date written YYYY-MM-DD',
        errors: { on: ['日期应为 YYYY-MM-DD / A date written YYYY-MM-DD'] },
      });
    }
    return on;
  }
}
