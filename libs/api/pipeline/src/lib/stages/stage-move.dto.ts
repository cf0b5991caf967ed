import {
  LAND_ROUTES,
  PROJECT_TEXT_LIMITS as L,
  SITE_DOCUMENT_KINDS,
  STAGES,
  type LandRoute,
  type SiteDocumentKind,
  type Stage,
  type StageMoveInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsVersion, IsWan, OptionalText, TextIfGiven } from '@crm/api/core';

const given = (_: object, value: unknown) => value !== undefined;

/** POST /api/projects/:id/stage-moves: see StageMoveInput. */
export class StageMoveDto implements StageMoveInput {
  @ApiProperty({ enum: STAGES })
  @IsIn(STAGES, { message: `目标阶段应为以下之一 / The target stage must be one of: ${STAGES.join(', ')}` })
  to!: Stage;

  @ApiProperty({ description: 'The version the editor loaded' })
  @IsVersion({ zh: '项目', en: 'the project' }, 1)
  version!: number;

  @ApiPropertyOptional({ nullable: true, maxLength: L.reason, description: 'Required when moving back' })
  @OptionalText({ zh: '原因', en: 'The reason' }, L.reason)
  reason?: string | null;

  @ApiPropertyOptional({ example: '50000', description: '签约金额, 万元' })
  @ValidateIf(given)
  @IsWan()
  signedAmount?: string;

  @ApiPropertyOptional({ example: '2025-03-01' })
  @ValidateIf(given)
  @IsCalendarDate({ zh: '签约日期', en: 'The signing date' })
  signedOn?: string;

  @ApiPropertyOptional({ maxLength: L.agreementRef })
  @TextIfGiven({ zh: '协议编号', en: 'The agreement reference' }, L.agreementRef)
  agreementRef?: string;

  @ApiPropertyOptional({ maxLength: L.landParcel })
  @TextIfGiven({ zh: '供地地块', en: 'The land parcel' }, L.landParcel)
  landParcel?: string;

  @ApiPropertyOptional({ description: '亩' })
  @ValidateIf(given)
  @IsWan()
  landAreaMu?: string;

  @ApiPropertyOptional({ maxLength: L.landApprovalRef })
  @TextIfGiven({ zh: '供地批复文号', en: 'The land approval reference' }, L.landApprovalRef)
  landApprovalRef?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsCalendarDate({ zh: '供地批复日期', en: 'The land approval date' })
  landApprovedOn?: string;

  @ApiPropertyOptional({ enum: LAND_ROUTES, description: '用地方式 (default 新增供地): 既有用地 / 闲置厂房 need a title or lease instead of a land approval' })
  @ValidateIf(given)
  @IsIn(LAND_ROUTES, { message: `用地方式应为新增供地、既有用地或闲置厂房 / The land route must be one of: ${LAND_ROUTES.join(', ')}` })
  landRoute?: LandRoute;

  @ApiPropertyOptional({ enum: SITE_DOCUMENT_KINDS, description: '场地权属证明: 产权 or 租赁' })
  @ValidateIf(given)
  @IsIn(SITE_DOCUMENT_KINDS, {
    message: `场地权属证明类型应为产权或租赁 / The site document kind must be one of: ${SITE_DOCUMENT_KINDS.join(', ')}`,
  })
  siteDocumentKind?: SiteDocumentKind;

  @ApiPropertyOptional({ maxLength: L.siteDocumentRef, description: '产权证号 or 租赁合同编号' })
  @TextIfGiven({ zh: '产权证号或租赁合同编号', en: 'The title or lease number' }, L.siteDocumentRef)
  siteDocumentRef?: string;

  @ApiPropertyOptional({ example: '2024-06-01' })
  @ValidateIf(given)
  @IsCalendarDate({ zh: '产权证或租赁合同日期', en: 'The date of the title or lease' })
  siteDocumentOn?: string;

  @ApiPropertyOptional({ description: '厂房面积, 平方米 (闲置厂房)' })
  @ValidateIf(given)
  @IsWan({}, { message: '厂房面积应为大于0的数字（平方米） / The plant area must be a number of m² above 0' })
  plantAreaSqm?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsCalendarDate({ zh: '开工日期', en: 'The construction start date' })
  constructionStartedOn?: string;

  @ApiPropertyOptional({ maxLength: L.constructionPermitRef })
  @TextIfGiven({ zh: '施工许可证号', en: 'The construction permit reference' }, L.constructionPermitRef)
  constructionPermitRef?: string;

  @ApiPropertyOptional()
  @ValidateIf(given)
  @IsCalendarDate({ zh: '竣工投产日期', en: 'The completion date' })
  completedOn?: string;

  @ApiPropertyOptional({ example: '2025-01-20', description: 'The day the stage was reached (default today); time in stage counts from it' })
  @ValidateIf(given)
  @IsCalendarDate({ zh: '进入该阶段的日期', en: 'The day the stage was reached' })
  reachedOn?: string;

  @ApiPropertyOptional({ example: '150000', description: '预计投资额, 万元, saved with the move' })
  @ValidateIf(given)
  @IsWan()
  plannedInvestment?: string;

  @ApiPropertyOptional({ description: 'Open an evaluation record with the move (when none is open)' })
  @ValidateIf(given)
  @IsBoolean({ message: 'openEvaluation 应为 true 或 false / openEvaluation must be true or false' })
  openEvaluation?: boolean;
}
