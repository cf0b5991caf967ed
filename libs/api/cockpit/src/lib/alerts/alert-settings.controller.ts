import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { AlertSettingsView } from '@crm/domain';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AlertSettingsDto } from '../cockpit.dto';
import { AlertSettingsService } from './alert-settings.service';

@ApiTags('领导驾驶舱 cockpit')
@Controller('settings/alerts')
export class AlertSettingsController {
  constructor(private readonly settings: AlertSettingsService) {}

  @Allow('leader', 'office', 'admin')
  @Get()
  @ApiOkResponse({ description: 'AlertSettingsView' })
  read(): Promise<AlertSettingsView> {
    return this.settings.read();
  }

  /** The office sets every N at once; audited. */
  @Allow('office')
  @Put()
  @ApiOkResponse({ description: 'AlertSettingsView' })
  write(@CurrentUser() user: AuthUser, @Body() body: AlertSettingsDto): Promise<AlertSettingsView> {
    return this.settings.write(user, body);
  }
}
