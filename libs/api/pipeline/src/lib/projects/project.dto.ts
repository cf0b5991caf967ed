import {
  CHAIN_CODES,
  CHAIN_LINK_KINDS,
  type ChainLinkKind,
  LAND_ROUTES,
  type LandRoute,
  PROJECT_SORTS,
  PROJECT_STATUSES,
  PROJECT_TEXT_LIMITS as L,
  SECTORS,
  SITE_DOCUMENT_KINDS,
  type SiteDocumentKind,
  SOURCE_CHANNELS,
  type ChainCode,
  type ProjectInput,
  type ProjectSort,
  type ProjectStatus,
  type ProjectStatusInput,
  type ProjectUpdateInput,
  type Sector,
  type SourceChannel,
  type Stage,
  STAGES,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, IsVersion, IsWan, IsYearMonth, OptionalText, PG_INT_MAX, RequiredText, TextIfGiven } from '@crm/api/core';

const NAME = { zh: '项目名称', en: 'The project name' };
const INVESTOR = { zh: '投资方名称', en: 'The investor name' };
const LOCATION = { zh: '建设地点/园区', en: 'The location' };
const INDUSTRY = { zh: '所属行业', en: 'The industry' };
const REASON = { zh: '原因', en: 'The reason' };

const chainMessage = `产业链代码应为以下之一 / The chain must be one of: ${CHAIN_CODES.join(', ')}`;
const channelMessage = `招商渠道应为以下之一 / The source channel must be one of: ${SOURCE_CHANNELS.join(', ')}`;
const positiveId = (zh: string, en: string) => ({
  message: `${zh}应为正整数编号 / ${en} must be a positive whole number`,
});

export class CreateProjectDto implements ProjectInput {
  @ApiProperty({ example: '东方电气高原叶片制造', maxLength: L.name })
  @RequiredText(NAME, L.name)
  name!: string;

  @ApiProperty({ enum: CHAIN_CODES })
  @IsIn(CHAIN_CODES, { message: chainMessage })
  chain!: ChainCode;

  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true })
  @IsOptional()
  @IsArray({ message: '相关产业链应为列表 / Related chains must be a list' })
  @ArrayUnique({ message: '相关产业链不能重复 / Related chains must not repeat' })
  @ArrayMaxSize(6, { message: '相关产业链最多6条 / At most 6 related chains' })
  @IsIn(CHAIN_CODES, { each: true, message: chainMessage })
  relatedChains?: ChainCode[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An enterprise of the library' })
  @IsOptional()
  @IsUUID('all', { message: '投资方企业编号格式不正确 / The enterprise id must be a UUID' })
  enterpriseId?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.investorName, description: 'An investor not yet in the library' })
  @OptionalText(INVESTOR, L.investorName)
  investorName?: string | null;

  @ApiProperty({ enum: SOURCE_CHANNELS })
  @IsIn(SOURCE_CHANNELS, { message: channelMessage })
  sourceChannel!: SourceChannel;

  @ApiProperty()
  @IsInt(positiveId('责任单位', 'The responsible unit'))
  @Min(1, positiveId('责任单位', 'The responsible unit'))
  @Max(PG_INT_MAX, positiveId('责任单位', 'The responsible unit'))
  responsibleUnitId!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the creator' })
  @IsOptional()
  @IsUUID('all', { message: '项目负责人编号格式不正确 / The owner id must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional({ example: '50000', nullable: true, description: '万元' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsWan()
  plannedInvestment?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.location })
  @OptionalText(LOCATION, L.location)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: L.industry })
  @OptionalText(INDUSTRY, L.industry)
  industry?: string | null;

  @ApiPropertyOptional({ enum: SECTORS, description: '行业类别; defaults to the chain’s' })
  @IsOptional()
  @IsIn(SECTORS, { message: '行业类别应为特色农牧业、制造业或现代服务业 / sector must be agri-pastoral, manufacturing or modern-services' })
  sector?: Sector;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt(positiveId('重点任务', 'The key task'))
  @Min(1, positiveId('重点任务', 'The key task'))
  @Max(PG_INT_MAX, positiveId('重点任务', 'The key task'))
  keyTaskId?: number | null;

  @ApiPropertyOptional({ nullable: true, description: '招商图谱环节 (a link of the chain’s map)' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt(positiveId('招商图谱环节', 'The map link'))
  @Min(1, positiveId('招商图谱环节', 'The map link'))
  @Max(PG_INT_MAX, positiveId('招商图谱环节', 'The map link'))
  chainLinkId?: number | null;

  @ApiPropertyOptional({ enum: CHAIN_LINK_KINDS, nullable: true, description: '强链 / 补链 / 延链' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsIn(CHAIN_LINK_KINDS, { message: '服务方式应为强链、补链或延链 / chainLinkKind must be strengthen, fill or extend' })
  chainLinkKind?: ChainLinkKind | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '招商活动 (the event the project came from)' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsUUID('all', { message: '招商活动编号格式不正确 / The event id must be a UUID' })
  eventId?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 2000, description: '备注' })
  @OptionalText({ zh: '备注', en: 'The notes' }, 2000)
  notes?: string | null;

  @ApiPropertyOptional({ description: '重大项目' })
  @IsOptional()
  @IsBoolean({ message: '重大项目标记应为 true 或 false / major must be true or false' })
  major?: boolean;
}

/** Every field of a new project may change (none is required here), plus the later stage facts. */
export class UpdateProjectDto
  extends PartialType(OmitType(CreateProjectDto, ['name'] as const))
  implements ProjectUpdateInput
{
  @ApiProperty({ description: 'The version the editor loaded' })
  @IsVersion({ zh: '项目', en: 'the project' }, 1)
  version!: number;

  /** Optional, but never blank or null when given. */
  @ApiPropertyOptional({ maxLength: L.name })
  @TextIfGiven(NAME, L.name)
  name?: string;

  @ApiPropertyOptional({ maxLength: L.landParcel })
  @TextIfGiven({ zh: '供地地块', en: 'The land parcel' }, L.landParcel)
  landParcel?: string;

  @ApiPropertyOptional({ description: '亩' })
  @ValidateIf((_, v) => v !== undefined)
  @IsWan()
  landAreaMu?: string;

  @ApiPropertyOptional({ maxLength: L.landApprovalRef })
  @TextIfGiven({ zh: '供地批复文号', en: 'The land approval reference' }, L.landApprovalRef)
  landApprovalRef?: string;

  @ApiPropertyOptional({ example: '2025-04-01' })
  @ValidateIf((_, v) => v !== undefined)
  @IsCalendarDate({ zh: '供地批复日期', en: 'The land approval date' })
  landApprovedOn?: string;

  @ApiPropertyOptional({ enum: LAND_ROUTES, description: '用地方式 (default 新增供地): 既有用地 / 闲置厂房 need a title or lease instead of a land approval' })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(LAND_ROUTES, { message: `用地方式应为新增供地、既有用地或闲置厂房 / The land route must be one of: ${LAND_ROUTES.join(', ')}` })
  landRoute?: LandRoute;

  @ApiPropertyOptional({ enum: SITE_DOCUMENT_KINDS, description: '场地权属证明: 产权 or 租赁' })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(SITE_DOCUMENT_KINDS, {
    message: `场地权属证明类型应为产权或租赁 / The site document kind must be one of: ${SITE_DOCUMENT_KINDS.join(', ')}`,
  })
  siteDocumentKind?: SiteDocumentKind;

  @ApiPropertyOptional({ maxLength: L.siteDocumentRef, description: '产权证号 or 租赁合同编号' })
  @TextIfGiven({ zh: '产权证号或租赁合同编号', en: 'The title or lease number' }, L.siteDocumentRef)
  siteDocumentRef?: string;

  @ApiPropertyOptional({ example: '2024-06-01' })
  @ValidateIf((_, v) => v !== undefined)
  @IsCalendarDate({ zh: '产权证或租赁合同日期', en: 'The date of the title or lease' })
  siteDocumentOn?: string;

  @ApiPropertyOptional({ description: '厂房面积, 平方米 (闲置厂房)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsWan({}, { message: '厂房面积应为大于0的数字（平方米） / The plant area must be a number of m² above 0' })
  plantAreaSqm?: string;

  @ApiPropertyOptional({ example: '2025-05-01' })
  @ValidateIf((_, v) => v !== undefined)
  @IsCalendarDate({ zh: '开工日期', en: 'The construction start date' })
  constructionStartedOn?: string;

  @ApiPropertyOptional({ maxLength: L.constructionPermitRef })
  @TextIfGiven({ zh: '施工许可证号', en: 'The construction permit reference' }, L.constructionPermitRef)
  constructionPermitRef?: string;

  @ApiPropertyOptional({ example: '2025-10-01' })
  @ValidateIf((_, v) => v !== undefined)
  @IsCalendarDate({ zh: '竣工投产日期', en: 'The completion date' })
  completedOn?: string;
}

export class ProjectStatusDto implements ProjectStatusInput {
  @ApiProperty({ enum: PROJECT_STATUSES })
  @IsIn(PROJECT_STATUSES, { message: `状态应为以下之一 / The status must be one of: ${PROJECT_STATUSES.join(', ')}` })
  status!: ProjectStatus;

  @ApiPropertyOptional({ nullable: true, maxLength: L.reason })
  @OptionalText(REASON, L.reason)
  reason?: string | null;

  @ApiProperty()
  @IsVersion({ zh: '项目', en: 'the project' }, 1)
  version!: number;
}

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** GET /api/projects: see ProjectListQuery. */
export class ListProjectsDto {
  @ApiPropertyOptional({ enum: CHAIN_CODES })
  @IsOptional()
  @IsIn(CHAIN_CODES, { message: chainMessage })
  chain?: ChainCode;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'includeRelated 应为 true 或 false / includeRelated must be true or false' })
  includeRelated?: boolean;

  @ApiPropertyOptional({ description: 'Comma list', example: 'negotiation,evaluation' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(STAGES, { each: true, message: `阶段应为以下之一 / Each stage must be one of: ${STAGES.join(', ')}` })
  stage?: Stage[];

  @ApiPropertyOptional({ description: 'Comma list', example: 'active,paused' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(PROJECT_STATUSES, {
    each: true,
    message: `状态应为以下之一 / Each status must be one of: ${PROJECT_STATUSES.join(', ')}`,
  })
  status?: ProjectStatus[];

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt(positiveId('责任单位', 'unitId'))
  @Min(1, positiveId('责任单位', 'unitId'))
  @Max(PG_INT_MAX, positiveId('责任单位', 'unitId'))
  unitId?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '负责人编号格式不正确 / ownerId must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional({ description: '万元' })
  @IsOptional()
  @IsWan({ allowZero: true })
  minAmount?: string;

  @ApiPropertyOptional({ description: '万元' })
  @IsOptional()
  @IsWan({ allowZero: true })
  maxAmount?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'major 应为 true 或 false / major must be true or false' })
  major?: boolean;

  @ApiPropertyOptional({ description: 'No activity for at least this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '天数应为整数 / idleDays must be a whole number' })
  @Min(1, { message: '天数至少为1 / idleDays must be at least 1' })
  @Max(3650, { message: '天数最多为3650 / idleDays must be at most 3650' })
  idleDays?: number;

  @ApiPropertyOptional({ description: 'The day idleDays counts back from (YYYY-MM-DD; today without it)' })
  @IsOptional()
  @IsCalendarDate({ zh: '无跟进的截止日期', en: 'idleAsOf' })
  idleAsOf?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'followUpDue 应为 true 或 false / followUpDue must be true or false' })
  followUpDue?: boolean;

  @ApiPropertyOptional({ description: 'Active, next follow-up before today' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'followUpOverdue 应为 true 或 false / followUpOverdue must be true or false' })
  followUpOverdue?: boolean;

  @ApiPropertyOptional({ description: '重点任务' })
  @IsOptional()
  @Type(() => Number)
  @IsInt(positiveId('重点任务', 'keyTaskId'))
  @Min(1, positiveId('重点任务', 'keyTaskId'))
  @Max(PG_INT_MAX, positiveId('重点任务', 'keyTaskId'))
  keyTaskId?: number;

  @ApiPropertyOptional({ description: 'Has an agreement dated on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate({ zh: '协议起始日期', en: 'agreementFrom' })
  agreementFrom?: string;

  @ApiPropertyOptional({ description: 'Has an agreement dated on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate({ zh: '协议截止日期', en: 'agreementTo' })
  agreementTo?: string;

  @ApiPropertyOptional({ description: 'First signed on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate({ zh: '签约起始日期', en: 'signedFrom' })
  signedFrom?: string;

  @ApiPropertyOptional({ description: 'First signed on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate({ zh: '签约截止日期', en: 'signedTo' })
  signedTo?: string;

  @ApiPropertyOptional({ description: 'Has a fund entry of this month or later (YYYY-MM)' })
  @IsOptional()
  @IsYearMonth()
  fundsFrom?: string;

  @ApiPropertyOptional({ description: 'Has a fund entry of this month or earlier (YYYY-MM)' })
  @IsOptional()
  @IsYearMonth()
  fundsTo?: string;

  @ApiPropertyOptional({ description: '亿元以上项目 of the year counted by this month (YYYY-MM)' })
  @IsOptional()
  @IsYearMonth()
  bigBy?: string;

  @ApiPropertyOptional({ description: 'In the current stage since this date or earlier (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate({ zh: '阶段起始日期', en: 'stageSinceTo' })
  stageSinceTo?: string;

  @ApiPropertyOptional({ maxLength: L.search })
  @OptionalText({ zh: '搜索词', en: 'The search text' }, L.search)
  q?: string | null;

  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: 'updatedAt' })
  @IsOptional()
  @IsIn(PROJECT_SORTS, { message: `排序应为以下之一 / sort must be one of: ${PROJECT_SORTS.join(', ')}` })
  sort: ProjectSort = 'updatedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order 应为 asc 或 desc / order must be asc or desc' })
  order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 应为整数 / limit must be a whole number' })
  @Min(1, { message: 'limit 至少为1 / limit must be at least 1' })
  @Max(200, { message: 'limit 最大为200 / limit must be at most 200' })
  limit = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @OptionalText({ zh: '分页游标', en: 'The cursor' }, 500)
  cursor?: string | null;
}
