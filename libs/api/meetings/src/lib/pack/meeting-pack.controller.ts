import { CurrentUser, readDocumentSettings, SignedIn, type AuthUser } from '@crm/api/core';
import type { MeetingPackView } from '@crm/domain';
import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { DOCX_MIME, attachmentHeader, buildMeetingPackDocx, meetingPackFileName } from './meeting-pack-docx.builder';
import { MeetingPackService } from './meeting-pack.service';

const uuid = new ParseUUIDPipe();

@ApiTags('调度会议 meetings')
@Controller('meetings')
export class MeetingPackController {
  constructor(
    private readonly packs: MeetingPackService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** 会议材料 for the meeting's date, per chain the user may read. */
  @SignedIn()
  @Get(':id/pack')
  @ApiOkResponse({ description: 'MeetingPackView' })
  @ApiNotFoundResponse({ description: 'No such meeting, or one of chains the user may not read' })
  pack(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<MeetingPackView> {
    return this.packs.pack(user, id);
  }

  /** The same as a printable Word document, with its Chinese file name. */
  @SignedIn()
  @Get(':id/pack.docx')
  @ApiProduces(DOCX_MIME)
  @ApiNotFoundResponse({ description: 'No such meeting, or one of chains the user may not read' })
  async docx(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const pack = await this.packs.pack(user, id);
    const bytes = await buildMeetingPackDocx(pack, await readDocumentSettings(this.dataSource.manager));
    res.setHeader('Content-Type', DOCX_MIME);
    res.setHeader('Content-Disposition', attachmentHeader(meetingPackFileName(pack), `meeting-pack-${pack.meeting.heldOn}.docx`));
    return new StreamableFile(bytes);
  }
}
