import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { OfficeSettingView } from '@crm/domain';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { OfficeSettingDto } from './office-setting.dto';
import { OfficeSettingService } from './office-setting.service';

/** 办公室设置: e.g. after how many days without activity a project's owner is reminded. */
@ApiTags('办公室设置 office settings')
@Controller('office-settings')
export class OfficeSettingController {
  constructor(private readonly settings: OfficeSettingService) {}

  @Allow('office', 'admin')
  @Get()
  list(): Promise<OfficeSettingView[]> {
    return this.settings.list();
  }

  @Allow('office')
  @Put(':key')
  @ApiUnprocessableEntityResponse({
    description: 'Out of the setting’s bounds',
  })
  @ApiConflictResponse({ description: 'Changed by someone else since read; the answer carries the setting as it is now' })
  set(
    @CurrentUser() user: AuthUser,
    @Param('key') key: string,
    @Body() input: OfficeSettingDto,
  ): Promise<OfficeSettingView> {
    return this.settings.set(user, key, input.value, input.version);
  }
}
