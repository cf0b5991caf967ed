import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { EnterpriseMergeView, EnterpriseOverview, EnterpriseView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { EnterpriseMergeService } from './enterprise-merge.service';
import { EnterpriseOverviewService } from './enterprise-overview.service';
import { CreateEnterpriseDto, MergeEnterpriseDto, SearchEnterprisesDto, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterpriseService } from './enterprise.service';

@ApiTags('企业库 enterprises')
@Controller('enterprises')
export class EnterpriseController {
  constructor(
    private readonly enterprises: EnterpriseService,
    private readonly overviews: EnterpriseOverviewService,
    private readonly merges: EnterpriseMergeService,
  ) {}

  /** Search by part of the name or the beginning of the credit code. */
  @SignedIn()
  @Get()
  search(@Query() query: SearchEnterprisesDto): Promise<{ items: EnterpriseView[]; total: number }> {
    return this.enterprises.search(query);
  }

  @SignedIn()
  @Get(':id')
  findOne(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<EnterpriseView> {
    return this.enterprises.findById(id);
  }

  @Allow('staff', 'office', 'admin')
  @Post()
  @ApiConflictResponse({ description: 'Same credit code or same normalised name: the existing record' })
  create(@CurrentUser() user: AuthUser, @Body() input: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.create(user, input);
  }

  @Allow('staff', 'office', 'admin')
  @Patch(':id')
  @ApiConflictResponse({ description: 'Duplicate, or a stale version' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() input: UpdateEnterpriseDto,
  ): Promise<EnterpriseView> {
    return this.enterprises.update(user, id, input);
  }

  /** 企业全景: the firm and its group across chains and years, within what the user may see. */
  @SignedIn()
  @Get(':id/overview')
  overview(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<EnterpriseOverview> {
    return this.overviews.overview(user, id);
  }

  /** 重复企业合并: this firm's projects, contacts and subsidiaries move to `into`; audited. */
  @Allow('office', 'admin')
  @Post(':id/merge')
  merge(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() input: MergeEnterpriseDto,
  ): Promise<EnterpriseMergeView> {
    return this.merges.merge(user, id, input.into);
  }

  /** The admin undoes a merge of this firm (as the duplicate or as the firm kept). */
  @Allow('admin')
  @Post(':id/merges/:mergeId/undo')
  @HttpCode(200)
  undoMerge(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Param('mergeId', new ParseUUIDPipe({ version: '4' })) mergeId: string,
  ): Promise<EnterpriseMergeView> {
    return this.merges.undo(user, id, mergeId);
  }
}
