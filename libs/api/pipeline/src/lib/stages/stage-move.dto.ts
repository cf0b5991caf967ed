import { PROJECT_TEXT_LIMITS as L, STAGES, type Stage, type StageMoveInput } from '@crm/domain';
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
