import { IsCalendarDate, IsId, IsVersion, OptionalText } from '@crm/api/core';
import {
  GUARANTEE_AMOUNT_LABELS,
  GUARANTEE_ANSWER_STATUSES,
  guaranteeAmountProblem,
  type GuaranteeAmountField,
  GUARANTEE_KINDS,
  GUARANTEE_TEXT_LIMITS as L,
  type GuaranteeAnswerInput,
  type GuaranteeAnswerStatus,
  type GuaranteeDueDateInput,
  type GuaranteeKind,
  type GuaranteeRequestInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, ValidateBy, ValidateIf } from 'class-validator';

/**
 * An amount as a decimal string; a JSON number is taken by its shortest decimal writing, so no float
 * arithmetic happens on it. Its value (negative, too precise, of another kind) is judged with the
 * rest of the need by guaranteeInputProblems, which names the field.
 */
function Amount(field: GuaranteeAmountField) {
  const { zh, en } = GUARANTEE_AMOUNT_LABELS[field];
  return (target: object, propertyName: string) => {
    Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))(target, propertyName);
    ValidateIf((_, v) => v !== undefined && v !== null)(target, propertyName);
    IsString({ message: `${zh}应为数字 / ${en} must be a number` })(target, propertyName);
    ValidateBy({
      name: 'guaranteeAmount',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || guaranteeAmountProblem(field, value) === null,
        defaultMessage: (args) => {
          const problem = guaranteeAmountProblem(field, args?.value);
          return problem ? `${problem.zh} / ${problem.en}` : `${zh}有误 / ${en} is invalid`;
        },
      },
    })(target, propertyName);
  };
}

const KIND_MESSAGE = `要素类别应为用地、用电、用水、用气、矿产资源、排放指标或融资 / kind must be one of: ${GUARANTEE_KINDS.join(', ')}`;
const STATUS_MESSAGE = `办理状态应为已受理、办理中、已保障或无法满足 / status must be one of: ${GUARANTEE_ANSWER_STATUSES.join(', ')}`;

/** POST /api/projects/:id/guarantee-requests */
export class GuaranteeRequestDto implements GuaranteeRequestInput {
  @ApiProperty({ enum: GUARANTEE_KINDS })
  @IsIn(GUARANTEE_KINDS, { message: KIND_MESSAGE })
  kind!: GuaranteeKind;

  @ApiPropertyOptional({ nullable: true, description: '需求说明; for minerals and emission quotas, which one' })
  @OptionalText({ zh: '需求说明', en: 'The description' }, L.description)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '120', description: '用地面积（亩）' })
  @Amount('areaMu')
  areaMu?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '20000', description: '用电负荷（千瓦）' })
  @Amount('powerKw')
  powerKw?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '16000', description: '年用电量（兆瓦时/年）' })
  @Amount('powerMwhPerYear')
  powerMwhPerYear?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '年用水量（立方米/年）' })
  @Amount('waterM3PerYear')
  waterM3PerYear?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '年用气量（立方米/年）' })
  @Amount('gasM3PerYear')
  gasM3PerYear?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '数量 (minerals, emission quotas), in quantityUnit' })
  @Amount('quantity')
  quantity?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '吨/年' })
  @OptionalText({ zh: '数量单位', en: 'The quantity unit' }, L.quantityUnit)
  quantityUnit?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '融资需求（万元）' })
  @Amount('financeWan')
  financeWan?: string | null;

  @ApiProperty({ description: '要素保障部门 (a unit of the reference data)' })
  @IsId({ zh: '要素保障部门', en: 'The bureau' })
  unitId!: number;

  @ApiProperty({ example: '2026-12-31', description: '办理时限 (Asia/Shanghai business date)' })
  @IsCalendarDate({ zh: '办理时限', en: 'The due date' }, { plausible: true })
  dueOn!: string;
}

/** PATCH /api/projects/:id/guarantee-requests/:requestId */
export class GuaranteeDueDateDto implements GuaranteeDueDateInput {
  @ApiProperty({ example: '2026-12-31' })
  @IsCalendarDate({ zh: '办理时限', en: 'The due date' }, { plausible: true })
  dueOn!: string;

  @ApiProperty({ description: 'The version read' })
  @IsVersion({ zh: '要素保障需求', en: 'the request' }, 1)
  version!: number;
}

/** POST /api/guarantee-requests/:id/answers */
export class GuaranteeAnswerDto implements GuaranteeAnswerInput {
  @ApiProperty({ enum: GUARANTEE_ANSWER_STATUSES })
  @IsIn(GUARANTEE_ANSWER_STATUSES, { message: STATUS_MESSAGE })
  status!: GuaranteeAnswerStatus;

  @ApiProperty({ example: '2026-12-03', description: 'The date of this status, not after today' })
  @IsCalendarDate({ zh: '办理日期', en: 'The date' }, { plausible: true })
  statusOn!: string;

  @ApiPropertyOptional({ nullable: true, description: '预计办结日期' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsCalendarDate({ zh: '预计办结日期', en: 'The expected date' }, { plausible: true })
  expectedOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText({ zh: '办理说明', en: 'The note' }, L.note)
  note?: string | null;

  @ApiProperty({ description: 'The version read' })
  @IsVersion({ zh: '要素保障需求', en: 'the request' }, 1)
  version!: number;
}
