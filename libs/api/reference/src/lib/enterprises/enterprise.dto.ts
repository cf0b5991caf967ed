import {
  creditCodeProblem,
  ENTERPRISE_OWNERSHIPS,
  ENTERPRISE_TAGS,
  type EnterpriseInput,
  type EnterpriseOwnership,
  type EnterpriseTag,
} from '@crm/domain';
import { IntRange, IsText, IsVersion, TextIfGiven } from '@crm/api/core';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value;

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为18位 / The credit code must have 18 characters',
  characters:
    '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V） / The credit code has characters not allowed (no I, O, Z, S, V)',
  'check-character': '统一社会信用代码校验位不正确 / The credit code check character is wrong',
} as const;

/** 统一社会信用代码 with its check character (GB 32100-2015); says which part is wrong. */
function IsCreditCode(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === null,
        defaultMessage: (args) => {
          const problem = typeof args?.value === 'string' ? creditCodeProblem(args.value) : 'length';
          return CREDIT_CODE_MESSAGES[problem ?? 'length'];
        },
      },
    });
}

export class CreateEnterpriseDto implements EnterpriseInput {
  @ApiProperty({ example: '青海盐湖工业股份有限公司', maxLength: 200 })
  @Transform(trim)
  @IsText({ zh: '企业名称', en: 'The name' }, { max: 200, required: true })
  name!: string;

  @ApiPropertyOptional({ example: '91632800226581004W', nullable: true })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() || null : value))
  @IsOptional()
  @IsCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({ enum: ENTERPRISE_OWNERSHIPS, nullable: true })
  @IsOptional()
  @IsIn(ENTERPRISE_OWNERSHIPS, {
    message: `所有制应为以下之一 / Ownership must be one of: ${ENTERPRISE_OWNERSHIPS.join(', ')}`,
  })
  ownership?: EnterpriseOwnership | null;

  @ApiPropertyOptional({ enum: ENTERPRISE_TAGS, isArray: true })
  @IsOptional()
  @IsArray({ message: '标签应为列表 / Tags must be a list' })
  @ArrayUnique({ message: '标签不能重复 / Tags must not repeat' })
  @IsIn(ENTERPRISE_TAGS, {
    each: true,
    message: `标签应为以下之一 / Each tag must be one of: ${ENTERPRISE_TAGS.join(', ')}`,
  })
  tags?: EnterpriseTag[];

  @ApiPropertyOptional({ example: '青海省格尔木市', nullable: true, maxLength: 100 })
  @Transform(trimToNull)
  @IsOptional()
  @IsText({ zh: '所在地区', en: 'The region' }, { max: 100 })
  region?: string | null;

  /** 集团: the parent firm's id; null: none. */
  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID('4', { message: '上级企业应为企业编号 / parentEnterpriseId must be an enterprise id' })
  parentEnterpriseId?: string | null;
}

export class UpdateEnterpriseDto extends PartialType(OmitType(CreateEnterpriseDto, ['name'] as const)) {
  /** Optional here, but when given it may not be blank or null. */
  @ApiPropertyOptional({ maxLength: 200 })
  @TextIfGiven({ zh: '企业名称', en: 'The name' }, 200)
  name?: string;

  /** The version the editor loaded; a stale one gets 409 instead of overwriting. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsVersion({ zh: '企业', en: 'the enterprise' }, 1)
  version?: number;
}

export class SearchEnterprisesDto {
  /** Part of the name, or the beginning of the credit code. */
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsText({ zh: '搜索词', en: 'The search text' }, { max: 100 })
  q?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IntRange({ zh: '条数 limit', en: 'limit' }, 1, 200)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IntRange({ zh: '偏移量 offset', en: 'offset' }, 0)
  offset = 0;
}

/** POST /api/enterprises/:id/merge: the firm this duplicate is merged into. */
export class MergeEnterpriseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '请选择要并入的企业 / Choose the firm to merge into' })
  into!: string;
}
