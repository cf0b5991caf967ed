import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { RollUpExportView, RollUpView } from '@crm/domain';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ParsePeriodPipe } from '../common/errors';
import { RollUpExportService } from './roll-up-export.service';
import { attachmentHeader, ROLL_UP_MIME } from './roll-up-file';
import {
  RollUpBuildDto,
  RollUpExportDto,
  RollUpNarrativeDto,
} from './roll-up.dto';
import { RollUpService } from './roll-up.service';

const period = new ParsePeriodPipe();
const uuid = new ParseUUIDPipe();

/**
 * 月度汇总报告: the office builds it, edits its narrative and exports it; leaders and admins read
 * it and its files. The quarter ranking (季评比) and the year summary (年总结) are part of the view
 * (figures.quarter, figures.yearView).
 */
@ApiTags('月度汇总报告 roll-ups')
@Controller('roll-ups')
export class RollUpController {
  constructor(
    private readonly rollUps: RollUpService,
    private readonly exports: RollUpExportService,
  ) {}

  /** How an export stands. */
  @Allow('office', 'admin', 'leader')
  @Get('exports/:id')
  exportStatus(@Param('id', uuid) id: string): Promise<RollUpExportView> {
    return this.exports.find(id);
  }

  /** The export's file, with its Chinese name. */
  @Allow('office', 'admin', 'leader')
  @Get('exports/:id/file')
  @ApiProduces(ROLL_UP_MIME.docx, ROLL_UP_MIME.xlsx)
  async exportFile(
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.file(id);
    res.setHeader(
      'Content-Disposition',
      attachmentHeader(file.fileName, `roll-up-${file.period}.${file.format}`),
    );
    res.setHeader('Content-Type', ROLL_UP_MIME[file.format]);
    return new StreamableFile(file.bytes);
  }

  /** The period's roll-up; 404 until it is first built. */
  @Allow('office', 'admin', 'leader')
  @Get(':period')
  @ApiNotFoundResponse({ description: 'Not built yet' })
  get(@Param('period', period) p: string): Promise<RollUpView> {
    return this.rollUps.get(p);
  }

  /** Builds or rebuilds it now (a locked period reads its month-end snapshot). */
  @Allow('office')
  @Post(':period/build')
  @HttpCode(200)
  build(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: RollUpBuildDto,
  ): Promise<RollUpView> {
    return this.rollUps.build(user, p, input);
  }

  /** Saves the edited narrative (通报正文). */
  @Allow('office')
  @Put(':period/narrative')
  @ApiConflictResponse({
    description: 'Stale version: the body holds the current roll-up',
  })
  saveNarrative(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: RollUpNarrativeDto,
  ): Promise<RollUpView> {
    return this.rollUps.saveNarrative(user, p, input);
  }

  /** Asks the worker for a Word or Excel file; answers at once with the queued export. */
  @Allow('office', 'leader')
  @Post(':period/exports')
  @HttpCode(202)
  requestExport(
    @CurrentUser() user: AuthUser,
    @Param('period', period) p: string,
    @Body() input: RollUpExportDto,
  ): Promise<RollUpExportView> {
    return this.exports.request(user, p, input.format);
  }
}
