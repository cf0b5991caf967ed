import { IntRange, IsText, IsVersion, OptionalText, RequiredText, TextIfGiven, TrimToNull } from '@crm/api/core';
import { CONTACT_TEXT_LIMITS as L, EMAIL_PATTERN, LANDLINE_PATTERN, MOBILE_PATTERN, type ContactInput } from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';

const MOBILE_MESSAGE =
  '手机号码应为11位大陆手机号（1开头，第二位为3至9） / The mobile must be a mainland number: 11 digits, 1 then 3–9';
const EMAIL_MESSAGE = '电子邮箱格式不正确 / The e-mail address is not valid';
/** Spaces and dashes people type inside a number (138 0000 1234, 138-0000-1234) are dropped. */
const digitsOnly = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/[\s-]/g, '') || null : value;

const ids = (zh: string, en: string, max: number) => (target: object, propertyName: string) => {
  IsOptional()(target, propertyName);
  IsArray({ message: `${zh}应为列表 / ${en} must be a list` })(target, propertyName);
  ArrayMaxSize(max, { message: `${zh}最多${max}个 / At most ${max} ${en.toLowerCase()}` })(target, propertyName);
  ArrayUnique({ message: `${zh}不能重复 / ${en} must not repeat` })(target, propertyName);
  IsUUID('all', { each: true, message: `${zh}应为编号 / ${en} must be ids` })(target, propertyName);
};

/** The personal fields, shared by create and change. */
class ContactFieldsDto {
  @ApiPropertyOptional({ nullable: true, maxLength: L.title, example: '副总经理' })
  @OptionalText({ zh: '职务', en: 'The title' }, L.title)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '13800001234' })
  @Transform(digitsOnly)
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @Matches(MOBILE_PATTERN, { message: MOBILE_MESSAGE })
  mobile?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.landline, example: '0979-8412345' })
  @OptionalText({ zh: '座机', en: 'The landline' }, L.landline)
  @ValidateIf((_, v) => v !== undefined && v !== null && v !== '')
  @Matches(LANDLINE_PATTERN, {
    message: '座机号码格式不正确，例如 0979-8412345 / The landline is not a phone number, e.g. 0979-8412345',
  })
  landline?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.wechat })
  @OptionalText({ zh: '微信号', en: 'The WeChat id' }, L.wechat)
  wechat?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.email })
  @TrimToNull()
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsText({ zh: '电子邮箱', en: 'The e-mail' }, { max: L.email })
  @Matches(EMAIL_PATTERN, { message: EMAIL_MESSAGE })
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.notes })
  @OptionalText({ zh: '备注', en: 'The notes' }, L.notes)
  notes?: string | null;

  @ApiPropertyOptional({ type: [String], description: '认识此人的工作人员 (user ids)' })
  @ids('熟悉该联系人的工作人员', 'Staff who know them', 50)
  knownByUserIds?: string[];

  @ApiPropertyOptional({ type: [String], description: '关联项目 (ids of the firm’s projects)' })
  @ids('关联项目', 'Projects', 100)
  projectIds?: string[];
}

/** POST /api/contacts: see ContactInput. */
export class CreateContactDto extends ContactFieldsDto implements ContactInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '请选择联系人所在企业 / Choose the firm the contact works at' })
  enterpriseId!: string;

  @ApiProperty({ maxLength: L.name, example: '张伟' })
  @RequiredText({ zh: '联系人姓名', en: 'The name' }, L.name)
  name!: string;
}

/** PATCH /api/contacts/:id: any field, with the version read (409 when stale). */
export class UpdateContactDto extends ContactFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '请选择联系人所在企业 / Choose the firm the contact works at' })
  enterpriseId?: string;

  @ApiPropertyOptional({ maxLength: L.name })
  @TextIfGiven({ zh: '联系人姓名', en: 'The name' }, L.name)
  name?: string;

  @ApiProperty()
  @IsVersion({ zh: '联系人', en: 'the contact' }, 1)
  version!: number;
}

/** GET /api/contacts */
export class ListContactsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '企业编号不正确 / enterpriseId must be an id' })
  enterpriseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '项目编号不正确 / projectId must be an id' })
  projectId?: string;

  /** Part of the name or title. */
  @ApiPropertyOptional()
  @TrimToNull()
  @IsOptional()
  @IsText({ zh: '搜索词', en: 'The search text' }, { max: 100 })
  q?: string | null;

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

/** POST /api/contacts/:id/anonymise: why (the person's request), for the audit. */
export class AnonymiseContactDto {
  @ApiProperty({ maxLength: 500, example: '本人来电要求删除个人信息' })
  @RequiredText({ zh: '删除原因', en: 'The reason' }, 500)
  reason!: string;

  @ApiProperty()
  @IsVersion({ zh: '联系人', en: 'the contact' }, 1)
  version!: number;
}
