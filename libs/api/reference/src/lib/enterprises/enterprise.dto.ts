import {
  creditCodeProblem,
  ENTERPRISE_OWNERSHIPS,
  ENTERPRISE_TAGS,
  type EnterpriseInput,
  type EnterpriseOwnership,
  type EnterpriseTag,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

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
  @IsString({ message: '企业名称应为文字 / The name must be text' })
  @IsNotEmpty({ message: '请填写企业名称 / The name is required' })
  @MaxLength(200, { message: '企业名称不能超过200个字 / The name must be at most 200 characters' })
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
  @IsString({ message: '所在地区应为文字 / The region must be text' })
  @MaxLength(100, { message: '所在地区不能超过100个字 / The region must be at most 100 characters' })
  region?: string | null;
}

export class UpdateEnterpriseDto extends PartialType(OmitType(CreateEnterpriseDto, ['name'] as const)) {
  /** Optional here, but when given it may not be blank or null. */
  @ApiPropertyOptional({ maxLength: 200 })
  @Transform(trim)
  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: '企业名称应为文字 / The name must be text' })
  @IsNotEmpty({ message: '企业名称不能为空 / The name must not be blank' })
  @MaxLength(200, { message: '企业名称不能超过200个字 / The name must be at most 200 characters' })
  name?: string;

  /** The version the editor loaded; a stale one gets 409 instead of overwriting. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: '版本号应为整数 / The version must be a whole number' })
  version?: number;
}

export class SearchEnterprisesDto {
  /** Part of the name, or the beginning of the credit code. */
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '搜索词不能超过100个字 / The search text must be at most 100 characters' })
  q?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 应为整数 / limit must be a whole number' })
  @Min(1, { message: 'limit 至少为1 / limit must be at least 1' })
  @Max(200, { message: 'limit 最大为200 / limit must be at most 200' })
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset 应为整数 / offset must be a whole number' })
  @Min(0, { message: 'offset 不能为负 / offset must not be negative' })
  offset = 0;
}
