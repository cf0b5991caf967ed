import {
  PRE_REVIEW_ANSWERS,
  PRE_REVIEW_TEXT_LIMITS as L,
  type PreReviewAnswer,
  type PreReviewAnswerInput,
  type PreReviewRequestInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsId, OptionalText, RequiredText } from '@crm/api/core';

/** POST /api/projects/:id/evaluations/:evaluationId/pre-reviews: ask a unit for its opinion. */
export class PreReviewRequestDto implements PreReviewRequestInput {
  @ApiProperty({ description: '征求意见的单位' })
  @IsId({ zh: '征求意见单位', en: 'unitId' })
  unitId!: number;

  @ApiProperty({ maxLength: L.topic, example: '项目用地是否符合国土空间规划' })
  @RequiredText({ zh: '征求意见事项', en: 'The topic' }, L.topic)
  topic!: string;

  @ApiProperty({
    example: '2026-12-20',
    description: 'Business date (Asia/Shanghai), not before today',
  })
  @IsCalendarDate({ zh: '回复期限', en: 'The due date' }, { plausible: true })
  dueOn!: string;
}

/** POST /api/pre-reviews/:id/answer: the asked unit's opinion. */
export class PreReviewAnswerDto implements PreReviewAnswerInput {
  @ApiProperty({ enum: PRE_REVIEW_ANSWERS })
  @IsIn(PRE_REVIEW_ANSWERS, {
    message: `预审意见应为同意、附条件同意或不同意 / The answer must be one of: ${PRE_REVIEW_ANSWERS.join(', ')}`,
  })
  answer!: PreReviewAnswer;

  @ApiPropertyOptional({
    nullable: true,
    maxLength: L.answerText,
    description: 'Required for conditional and disagree',
  })
  @OptionalText({ zh: '意见内容', en: 'The text' }, L.answerText)
  text?: string | null;
}

/** GET /api/pre-reviews?filter=open|all */
export class PreReviewQueueQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'all'], {
    message: '筛选条件应为 open 或 all / filter must be open or all',
  })
  filter?: 'open' | 'all';
}
