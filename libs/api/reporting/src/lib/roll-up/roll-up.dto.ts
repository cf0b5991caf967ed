import {
  ROLL_UP_EXPORT_FORMATS,
  type RollUpBuildInput,
  type RollUpExportFormat,
  type RollUpExportInput,
  type RollUpNarrativeInput,
  type RollUpPublishInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsText, IsVersion, IsYearMonth } from '@crm/api/core';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export const ROLL_UP_NARRATIVE_MAX = 20_000;

/** POST /api/roll-ups/:period/build */
export class RollUpBuildDto implements RollUpBuildInput {
  @ApiPropertyOptional({
    description: 'Redraft the narrative from the figures even if it was edited',
  })
  @IsOptional()
  @IsBoolean({
    message:
      'regenerateNarrative 应为 true 或 false / regenerateNarrative must be true or false',
  })
  regenerateNarrative?: boolean;
}

/** PUT /api/roll-ups/:period/narrative */
export class RollUpNarrativeDto implements RollUpNarrativeInput {
  @ApiProperty({ description: '通报正文' })
  @IsText({ zh: '通报正文', en: 'The narrative' }, { max: ROLL_UP_NARRATIVE_MAX })
  narrative!: string;

  @ApiProperty({ description: 'The version read' })
  @IsVersion({ zh: '汇总报告', en: 'the roll-up' }, 1)
  version!: number;
}

/** POST /api/roll-ups/:period/exports */
export class RollUpExportDto implements RollUpExportInput {
  @ApiProperty({ enum: ROLL_UP_EXPORT_FORMATS })
  @IsIn(ROLL_UP_EXPORT_FORMATS as unknown as string[], {
    message: '导出格式应为 docx 或 xlsx / The format must be docx or xlsx',
  })
  format!: RollUpExportFormat;
}

/** POST /api/roll-up-publications: the period and the version of its roll-up read. */
export class RollUpPublishDto implements RollUpPublishInput {
  @ApiProperty({ example: '2025-03' })
  @IsYearMonth({ message: '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM' })
  period!: string;

  @ApiProperty({ description: 'The version of the roll-up read (第N稿)' })
  @IsVersion({ zh: '汇总报告', en: 'the roll-up' }, 1)
  version!: number;
}
