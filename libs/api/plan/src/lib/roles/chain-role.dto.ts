import { IsCalendarDate, IsId, IsVersion, RequiredText } from '@crm/api/core';
import {
  CHAIN_CODES,
  type ChainCode,
  type ChainLeaderRole,
  type ChainRoleEndInput,
  type ChainRoleInput,
  type ChainUnitRole,
  type UnitRenameInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';

const ROLES = ['liaison', 'responsible', 'cooperating'] as const;

/** POST /api/plans/roles */
export class ChainRoleDto implements ChainRoleInput {
  @ApiProperty({ enum: CHAIN_CODES })
  @IsIn(CHAIN_CODES, { message: '未知的产业链代码 / Unknown chain code' })
  chainCode!: ChainCode;

  @ApiProperty({ enum: ['leader', 'unit'] })
  @IsIn(['leader', 'unit'], { message: '类别应为领导或单位 / kind must be leader or unit' })
  kind!: 'leader' | 'unit';

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: '职责应为包联领导、责任领导、责任单位或配合单位 / role must be liaison, responsible or cooperating' })
  role!: ChainLeaderRole | ChainUnitRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '牵头单位标记应为是或否 / isLead must be true or false' })
  isLead?: boolean;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.kind === 'leader')
  @IsId({ zh: '领导（请选择）', en: 'The person' })
  personId?: number;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.kind === 'unit')
  @IsId({ zh: '单位（请选择）', en: 'The unit' })
  unitId?: number;

  @ApiProperty({ example: '2026-07-01' })
  @IsCalendarDate({ zh: '起始日期', en: 'validFrom' })
  validFrom!: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsCalendarDate({ zh: '截止日期', en: 'validTo' })
  validTo?: string | null;
}

/** PATCH /api/plans/roles/:id */
export class ChainRoleEndDto implements ChainRoleEndInput {
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsCalendarDate({ zh: '起始日期', en: 'validFrom' })
  validFrom?: string | null;

  @ApiProperty({ nullable: true, example: '2026-06-30' })
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate({ zh: '截止日期', en: 'validTo' })
  validTo!: string | null;

  @ApiPropertyOptional({ example: 1, description: 'The version read; a stale one answers 409' })
  @IsOptional()
  @IsVersion()
  version?: number;
}

/** POST /api/plans/units/:id/rename */
export class UnitRenameDto implements UnitRenameInput {
  @ApiProperty({ example: '市发展和改革局' })
  @RequiredText({ zh: '新名称', en: 'name' }, 100)
  name!: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsCalendarDate({ zh: '更名日期', en: 'from' })
  from!: string;
}
