import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { EnterpriseView } from '@crm/domain';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CreateEnterpriseDto, SearchEnterprisesDto, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterpriseService } from './enterprise.service';

@ApiTags('企业库 enterprises')
@Controller('enterprises')
export class EnterpriseController {
  constructor(private readonly enterprises: EnterpriseService) {}

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
}
