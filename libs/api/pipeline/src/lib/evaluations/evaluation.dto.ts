import {
  BALANCE_PERIOD_PATTERN,
  EVALUATION_CONCLUSIONS,
  PRE_REVIEW_TEXT_LIMITS,
  THIRD_PARTY_FINDING_LIMIT,
  EVALUATION_DIMENSIONS,
  EVALUATION_RATINGS,
  PROJECT_TEXT_LIMITS as L,
  type EvaluationConclusion,
  type EvaluationConclusionInput,
  type EvaluationDimension,
  type EvaluationInput,
  type EvaluationRating,
  type EvaluationUpdateInput,
  type PreReviewOverrideInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsVersion, OptionalText, RequiredText } from '@crm/api/core';

export class EvaluationDimensionDto {
  @ApiProperty({ enum: EVALUATION_DIMENSIONS })
  @IsIn(EVALUATION_DIMENSIONS, {
    message: `评估维度应为以下之一 / The dimension must be one of: ${EVALUATION_DIMENSIONS.join(', ')}`,
  })
  dimension!: EvaluationDimension;

  @ApiPropertyOptional({ enum: EVALUATION_RATINGS, nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsIn(EVALUATION_RATINGS, {
    message: `评定应为以下之一 / The rating must be one of: ${EVALUATION_RATINGS.join(', ')}`,
  })
  rating?: EvaluationRating | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.dimensionNote })
  @OptionalText({ zh: '评估说明', en: 'The note' }, L.dimensionNote)
  note?: string | null;
}

/** POST /api/projects/:id/evaluations: opens an evaluation, with whatever is known yet. */
export class OpenEvaluationDto implements EvaluationInput {
  @ApiPropertyOptional({ type: [EvaluationDimensionDto] })
  @IsOptional()
  @IsArray({ message: '评估维度应为列表 / The dimensions must be a list' })
  @ArrayMaxSize(EVALUATION_DIMENSIONS.length, { message: '评估维度最多6项 / At most the six dimensions' })
  @ValidateNested({ each: true })
  @Type(() => EvaluationDimensionDto)
  dimensions?: EvaluationDimensionDto[];

  @ApiPropertyOptional({ description: '由第三方机构评估' })
  @IsOptional()
  @IsBoolean({ message: '第三方评估标记应为 true 或 false / thirdParty must be true or false' })
  thirdParty?: boolean;

  @ApiPropertyOptional({ nullable: true, maxLength: L.institution })
  @OptionalText({ zh: '第三方机构名称', en: 'The institution' }, L.institution)
  institution?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: THIRD_PARTY_FINDING_LIMIT, description: '第三方评估：可行性' })
  @OptionalText({ zh: '可行性评估意见', en: 'The feasibility finding' }, THIRD_PARTY_FINDING_LIMIT)
  feasibility?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: THIRD_PARTY_FINDING_LIMIT, description: '第三方评估：产出效益' })
  @OptionalText({ zh: '产出效益评估意见', en: 'The output and benefit finding' }, THIRD_PARTY_FINDING_LIMIT)
  outputBenefit?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '6.5', description: '第三方评估：平衡周期（年）' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @Matches(BALANCE_PERIOD_PATTERN, {
    message:
      '平衡周期应为大于0、小于100的年数，最多一位小数，如 6.5 / balancePeriodYears must be a number of years above 0 and below 100 with at most one decimal, e.g. 6.5',
  })
  balancePeriodYears?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '淘汰类: null until answered' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsBoolean({ message: '淘汰类核查结果应为 true 或 false / eliminatedCategory must be true or false' })
  eliminatedCategory?: boolean | null;
}

/** PATCH /api/projects/:id/evaluations/:evaluationId while it is open. */
export class UpdateEvaluationDto extends OpenEvaluationDto implements EvaluationUpdateInput {
  @ApiProperty()
  @IsVersion({ zh: '评估', en: 'the evaluation' }, 1)
  version!: number;
}

/** POST /api/projects/:id/evaluations/:evaluationId/conclusion */
export class ConcludeEvaluationDto implements EvaluationConclusionInput {
  @ApiProperty({ enum: EVALUATION_CONCLUSIONS })
  @IsIn(EVALUATION_CONCLUSIONS, {
    message: `评估结论应为以下之一 / The conclusion must be one of: ${EVALUATION_CONCLUSIONS.join(', ')}`,
  })
  conclusion!: EvaluationConclusion;

  @ApiPropertyOptional({ nullable: true, maxLength: L.conditions })
  @OptionalText({ zh: '通过条件', en: 'The conditions' }, L.conditions)
  conditions?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the caller' })
  @IsOptional()
  @IsUUID('all', { message: '评估人编号格式不正确 / concludedById must be a UUID' })
  concludedById?: string;

  @ApiProperty({ example: '2025-03-20' })
  @IsCalendarDate({ zh: '评估日期', en: 'The conclusion date' })
  concludedOn!: string;

  @ApiProperty()
  @IsVersion({ zh: '评估', en: 'the evaluation' }, 1)
  version!: number;
}

/** POST /api/projects/:id/evaluations/:evaluationId/pre-review-override (office). */
export class PreReviewOverrideDto implements PreReviewOverrideInput {
  @ApiProperty({ maxLength: PRE_REVIEW_TEXT_LIMITS.overrideReason })
  @RequiredText({ zh: '不再等待预审意见的理由', en: 'The reason' }, PRE_REVIEW_TEXT_LIMITS.overrideReason)
  reason!: string;

  @ApiProperty()
  @IsVersion({ zh: '评估', en: 'the evaluation' }, 1)
  version!: number;
}
