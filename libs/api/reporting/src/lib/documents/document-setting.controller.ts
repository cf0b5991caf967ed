import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { DocumentSettingView } from '@crm/domain';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DocumentSettingDto } from './document-setting.dto';
import { DocumentSettingService } from './document-setting.service';

/** 公文设置: what the roll-up's Word file prints as its letterhead, document number and signature. */
@ApiTags('公文设置 document settings')
@Controller('document-settings')
export class DocumentSettingController {
  constructor(private readonly settings: DocumentSettingService) {}

  @Allow('office', 'admin', 'leader')
  @Get()
  list(): Promise<DocumentSettingView[]> {
    return this.settings.list();
  }

  @Allow('office')
  @Put(':key')
  @ApiUnprocessableEntityResponse({ description: 'Longer than the setting allows' })
  set(@CurrentUser() user: AuthUser, @Param('key') key: string, @Body() input: DocumentSettingDto): Promise<DocumentSettingView> {
    return this.settings.set(user, key, input.value, input.version);
  }
}
