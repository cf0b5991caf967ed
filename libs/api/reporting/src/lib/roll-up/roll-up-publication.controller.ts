import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { RollUpPublicationSummary, RollUpPublicationView } from '@crm/domain';
import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { attachmentHeader, ROLL_UP_MIME } from './roll-up-file';
import { RollUpPublishDto } from './roll-up.dto';
import { RollUpPublicationService } from './roll-up-publication.service';

const uuid = new ParseUUIDPipe();

/**
 * 月通报: the office publishes a month's roll-up; everyone signed in (every unit's staff included)
 * reads the published versions and their files, read-only. Drafts stay at /api/roll-ups (office,
 * leaders, admins).
 */
@ApiTags('月通报 published bulletins')
@Controller('roll-up-publications')
export class RollUpPublicationController {
  constructor(private readonly publications: RollUpPublicationService) {}

  /** Publishes the period's roll-up as read (the version named; stale → 409). */
  @Allow('office')
  @Post()
  @ApiConflictResponse({ description: 'Stale version' })
  publish(
    @CurrentUser() user: AuthUser,
    @Body() input: RollUpPublishDto,
  ): Promise<RollUpPublicationView> {
    return this.publications.publish(user, input);
  }

  /** The published bulletins, newest first. */
  @SignedIn()
  @Get()
  list(): Promise<RollUpPublicationSummary[]> {
    return this.publications.list();
  }

  /** One published bulletin, as published; 404 for anything else. */
  @SignedIn()
  @Get(':id')
  @ApiNotFoundResponse({ description: 'No such published bulletin' })
  get(@Param('id', uuid) id: string): Promise<RollUpPublicationView> {
    return this.publications.get(id);
  }

  /** Its Word or Excel file, as published. */
  @SignedIn()
  @Get(':id/files/:format')
  @ApiProduces(ROLL_UP_MIME.docx, ROLL_UP_MIME.xlsx)
  async file(
    @Param('id', uuid) id: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.publications.file(id, format);
    res.setHeader(
      'Content-Disposition',
      attachmentHeader(file.fileName, `bulletin-${file.period}.${file.format}`),
    );
    res.setHeader('Content-Type', ROLL_UP_MIME[file.format]);
    return new StreamableFile(file.bytes);
  }
}
