import { SignedIn } from '@crm/api/core';
import type { UnitView } from '@crm/domain';
import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { UnitService } from './unit.service';

@ApiTags('单位 units')
@Controller('units')
export class UnitController {
  constructor(private readonly units: UnitService) {}

  /** All units, or the one unit a spelling names (?name=市发改委). */
  @SignedIn()
  @Get()
  @ApiQuery({ name: 'name', required: false, description: 'canonical name or alias' })
  async findAll(@Query('name') name?: string): Promise<UnitView[]> {
    if (name === undefined) return this.units.findAll();
    const unit = await this.units.findByAnyName(name);
    return unit ? [unit] : [];
  }

  @SignedIn()
  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<UnitView> {
    const unit = await this.units.findById(id);
    if (!unit) throw new NotFoundException(`没有编号为 ${id} 的单位 / No unit ${id}`);
    return unit;
  }
}
