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
  @Get()
  search(@Query() query: SearchEnterprisesDto): Promise<{ items: EnterpriseView[]; total: number }> {
    return this.enterprises.search(query);
  }

  @Get(':id')
  findOne(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<EnterpriseView> {
    return this.enterprises.findById(id);
  }

  @Post()
  @ApiConflictResponse({ description: 'Same credit code or same normalised name: the existing record' })
  create(@Body() input: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.enterprises.create(input);
  }

  @Patch(':id')
  @ApiConflictResponse({ description: 'Duplicate, or a stale version' })
  update(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() input: UpdateEnterpriseDto,
  ): Promise<EnterpriseView> {
    return this.enterprises.update(id, input);
  }
}
