import { IsCalendarDate, IsId, IsVersion, IsWan, OptionalText, RequiredText } from '@crm/api/core';
import {
  SECTORS,
  STAGES,
  type AnnualPlanInput,
  type FundsBaselineInput,
  type KeyTaskGoalInput,
  type KeyTaskMilestoneInput,
  type PlanChainTargetInput,
  type PlanDraftInput,
  type PlanKeyTaskInput,
  type PlanPublishInput,
  type Sector,
  type SectorGrowthInput,
  type SectorGrowthTarget,
  type Stage,
  CHAIN_CODES,
  type ChainCode,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const REASON = { zh: '修改原因', en: 'reason' };
const DECIMAL = /^\d{1,14}(\.\d{1,4})?$/;
/** A growth rate in percent, above -100 (the column's check) and below 1000, two decimals at most. */
const PERCENT = /^(-\d{1,2}|\d{1,3})(\.\d{1,2})?$/;

const bool = (zh: string, en: string) => IsBoolean({ message: `${zh}应为是或否 / ${en} must be true or false` });

/** PUT /api/plans/:year */
export class AnnualPlanDto implements AnnualPlanInput {
  @ApiProperty()
  @IsVersion({ zh: '年度计划', en: 'the plan' }, 1)
  version!: number;

  @ApiProperty({ nullable: true, example: '2200000', description: '万元' })
  @ValidateIf((_, v) => v !== null)
  @IsWan({ allowZero: false })
  citySignedAmount!: string | null;

  @ApiProperty()
  @bool('签约金额“以上”标记', 'citySignedAtLeast')
  citySignedAtLeast!: boolean;

  @ApiProperty({ nullable: true, example: '1000000', description: '万元' })
  @ValidateIf((_, v) => v !== null)
  @IsWan({ allowZero: false })
  cityFundsInPlace!: string | null;

  @ApiProperty()
  @bool('到位资金“以上”标记', 'cityFundsAtLeast')
  cityFundsAtLeast!: boolean;

  @ApiPropertyOptional()
  @OptionalText(REASON, 500)
  reason?: string;
}

/** PUT /api/plans/:year/targets/:chain */
export class PlanChainTargetDto implements PlanChainTargetInput {
  @ApiProperty({ example: '1400000', description: '万元' })
  @IsWan({ allowZero: false })
  signedAmount!: string;

  @ApiProperty()
  @bool('签约金额“以上”标记', 'signedAtLeast')
  signedAtLeast!: boolean;

  @ApiProperty({ example: '650000', description: '万元' })
  @IsWan({ allowZero: false })
  fundsInPlace!: string;

  @ApiProperty()
  @bool('到位资金“以上”标记', 'fundsAtLeast')
  fundsAtLeast!: boolean;

  @ApiProperty({ example: '100000', description: '万元; 0 with count 0 when the plan sets no big-project rule' })
  @IsWan({ allowZero: true })
  bigProjectThreshold!: string;

  @ApiProperty()
  @IsInt({ message: '大项目个数应为整数 / bigProjectMinCount must be an integer' })
  @Min(0, { message: '大项目个数不能为负数 / bigProjectMinCount must not be negative' })
  @Max(1000, { message: '大项目个数不超过1000 / bigProjectMinCount is at most 1000' })
  bigProjectMinCount!: number;

  @ApiProperty()
  @bool('大项目个数“不少于”标记', 'bigProjectAtLeast')
  bigProjectAtLeast!: boolean;

  @ApiPropertyOptional()
  @OptionalText(REASON, 500)
  reason?: string;
}

export class SectorGrowthTargetDto implements SectorGrowthTarget {
  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS, { message: '行业应为特色农牧业、制造业或现代服务业 / sector must be agri-pastoral, manufacturing or modern-services' })
  sector!: Sector;

  @ApiProperty({ example: '20.00', description: 'percent' })
  @Matches(PERCENT, { message: '同比增长目标应为 -99.99 至 999.99 之间的百分数，如 20 或 5.5 / growthRate must be a percentage from -99.99 to 999.99, such as 20 or 5.5' })
  growthRate!: string;
}

/** PUT /api/plans/:year/sector-growth */
export class SectorGrowthDto implements SectorGrowthInput {
  @ApiProperty({ type: [SectorGrowthTargetDto] })
  @IsArray({ message: '同比增长目标应为列表 / targets must be a list' })
  @ArrayMaxSize(SECTORS.length, { message: '行业过多 / Too many sectors' })
  @ValidateNested({ each: true })
  @Type(() => SectorGrowthTargetDto)
  targets!: SectorGrowthTargetDto[];

  @ApiPropertyOptional()
  @OptionalText(REASON, 500)
  reason?: string;
}

export class KeyTaskMilestoneDto implements KeyTaskMilestoneInput {
  @ApiProperty()
  @RequiredText({ zh: '项目名称', en: 'projectName' }, 200)
  projectName!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '项目编号无效 / projectId must be a project id' })
  projectId?: string | null;

  @ApiProperty({ enum: STAGES })
  @IsIn(STAGES, { message: '目标阶段应为七个环节之一 / targetStage must be one of the seven stages' })
  targetStage!: Stage;

  @ApiPropertyOptional()
  @OptionalText({ zh: '方案表述', en: 'wording' }, 40)
  wording?: string;
}

export class KeyTaskGoalDto implements KeyTaskGoalInput {
  @ApiProperty({ example: '算力标准机架' })
  @RequiredText({ zh: '目标名称', en: 'label' }, 200)
  label!: string;

  @ApiProperty({ example: '个' })
  @RequiredText({ zh: '计量单位', en: 'measureUnit' }, 20)
  measureUnit!: string;

  @ApiProperty({ example: '4000' })
  @Matches(DECIMAL, { message: '目标值应为正数，最多4位小数 / target must be a positive number with at most 4 decimals' })
  target!: string;

  @ApiPropertyOptional({ example: '0' })
  @IsOptional()
  @Matches(DECIMAL, { message: '完成值应为非负数，最多4位小数 / achieved must be a number with at most 4 decimals' })
  achieved?: string;
}

/** POST /api/plans/:year/key-tasks, PUT /api/plans/:year/key-tasks/:id */
export class PlanKeyTaskDto implements PlanKeyTaskInput {
  @ApiProperty({ enum: CHAIN_CODES })
  @IsIn(CHAIN_CODES, { message: '未知的产业链代码 / Unknown chain code' })
  chainCode!: ChainCode;

  @ApiProperty()
  @RequiredText({ zh: '任务内容', en: 'text' }, 5000)
  text!: string;

  @ApiProperty({ type: [Number] })
  @IsArray({ message: '责任单位应为单位编号列表 / unitIds must be a list of unit ids' })
  @ArrayMaxSize(50, { message: '责任单位过多 / Too many units' })
  @IsId({ zh: '责任单位', en: 'unitIds' }, { each: true })
  unitIds!: number[];

  @ApiProperty({ type: [KeyTaskMilestoneDto] })
  @IsArray({ message: '节点目标应为列表 / milestones must be a list' })
  @ArrayMaxSize(100, { message: '节点目标过多 / Too many milestones' })
  @ValidateNested({ each: true })
  @Type(() => KeyTaskMilestoneDto)
  milestones!: KeyTaskMilestoneDto[];

  @ApiProperty({ type: [KeyTaskGoalDto] })
  @IsArray({ message: '量化目标应为列表 / goals must be a list' })
  @ArrayMaxSize(50, { message: '量化目标过多 / Too many goals' })
  @ValidateNested({ each: true })
  @Type(() => KeyTaskGoalDto)
  goals!: KeyTaskGoalDto[];

  @ApiPropertyOptional()
  @OptionalText(REASON, 500)
  reason?: string;
}

/** PUT /api/plans/:year/key-tasks/:id/goals/:goalId */
export class GoalAchievedDto {
  @ApiProperty({ example: '1200' })
  @Matches(DECIMAL, { message: '完成值应为非负数，最多4位小数 / achieved must be a number with at most 4 decimals' })
  achieved!: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate({ zh: '统计日期', en: 'achievedOn' })
  achievedOn!: string;

  @ApiPropertyOptional({ example: 1, description: 'The version read; a stale one answers 409' })
  @IsOptional()
  @IsVersion()
  version?: number;
}

/** POST /api/plans/:year/draft */
export class PlanDraftDto implements Partial<PlanDraftInput> {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsInt({ message: '来源年度应为整数 / fromYear must be a year' })
  @Min(2000, { message: '来源年度应在2000至2100之间 / fromYear must be between 2000 and 2100' })
  @Max(2100, { message: '来源年度应在2000至2100之间 / fromYear must be between 2000 and 2100' })
  fromYear?: number;
}

/** POST /api/plans/:year/publish */
export class PlanPublishDto implements PlanPublishInput {
  @ApiProperty()
  @IsVersion({ zh: '年度计划', en: 'the plan' }, 1)
  version!: number;
}

/** DELETE /api/plans/:year/key-tasks/:id?reason= */
export class ReasonQueryDto {
  @ApiPropertyOptional()
  @OptionalText(REASON, 500)
  reason?: string;
}

/** PUT /api/plans/baselines */
export class FundsBaselineDto implements FundsBaselineInput {
  @ApiProperty({ example: 2024 })
  @Type(() => Number)
  @IsInt({ message: '年度应为整数 / year must be a year' })
  @Min(2000, { message: '年度应在2000至2100之间 / year must be between 2000 and 2100' })
  @Max(2100, { message: '年度应在2000至2100之间 / year must be between 2000 and 2100' })
  year!: number;

  @ApiProperty({ enum: CHAIN_CODES })
  @IsIn(CHAIN_CODES, { message: '未知的产业链代码 / Unknown chain code' })
  chainCode!: ChainCode;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS, { message: '行业应为特色农牧业、制造业或现代服务业 / sector must be agri-pastoral, manufacturing or modern-services' })
  sector!: Sector;

  @ApiProperty({ example: '540000', description: '万元' })
  @IsWan({ allowZero: true })
  amount!: string;

  @ApiPropertyOptional()
  @OptionalText({ zh: '备注', en: 'note' }, 200)
  note?: string;

  @ApiPropertyOptional({ example: 1, description: 'The version read (0: the row did not exist); a stale one answers 409' })
  @IsOptional()
  @IsVersion()
  version?: number;
}
