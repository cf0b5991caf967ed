import { Allow, attachment, CurrentUser, SignedIn, XLSX_MIME, type AuthUser } from '@crm/api/core';
import type { ContactRevealView, ContactView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnonymiseContactDto, CreateContactDto, ListContactsDto, UpdateContactDto } from './contact.dto';
import { ContactService } from './contact.service';

const uuid = new ParseUUIDPipe({ version: '4' });

/**
 * 联系人 (issue 20 §1). A contact the user may not see (their chains do not work with the firm)
 * answers 404; mobiles are masked in every answer but the audited reveal and export.
 */
@ApiTags('联系人 contacts')
@Controller('contacts')
export class ContactController {
  constructor(private readonly contacts: ContactService) {}

  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListContactsDto): Promise<{ items: ContactView[]; total: number }> {
    return this.contacts.list(user, query);
  }

  /** .xlsx with the full numbers; audited (who, which firm, how many). */
  @Allow('staff', 'office', 'admin')
  @Get('export')
  @ApiProduces(XLSX_MIME)
  async export(@CurrentUser() user: AuthUser, @Query() query: ListContactsDto): Promise<StreamableFile> {
    const { buffer } = await this.contacts.export(user, query);
    return new StreamableFile(buffer, { type: XLSX_MIME, disposition: attachment('联系人名录.xlsx', 'contacts.xlsx') });
  }

  @SignedIn()
  @Get(':id')
  findOne(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ContactView> {
    return this.contacts.findOne(user, id);
  }

  @Allow('staff', 'office', 'admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() input: CreateContactDto): Promise<ContactView> {
    return this.contacts.create(user, input);
  }

  @Allow('staff', 'office', 'admin')
  @Patch(':id')
  @ApiConflictResponse({ description: 'A stale version: the current record' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() input: UpdateContactDto): Promise<ContactView> {
    return this.contacts.update(user, id, input);
  }

  /** The full mobile number; every showing is audited. */
  @SignedIn()
  @Post(':id/reveal')
  @HttpCode(200)
  reveal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ContactRevealView> {
    return this.contacts.reveal(user, id);
  }

  /** 删除个人信息 on the person's request (the office): anonymised, the history kept. */
  @Allow('office', 'admin')
  @Post(':id/anonymise')
  @HttpCode(200)
  anonymise(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() input: AnonymiseContactDto): Promise<ContactView> {
    return this.contacts.anonymise(user, id, input);
  }
}
