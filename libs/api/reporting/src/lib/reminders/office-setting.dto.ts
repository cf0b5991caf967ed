import type { OfficeSettingInput } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt } from 'class-validator';

/** PUT /api/office-settings/:key; the bounds are the setting's own, checked by the service. */
export class OfficeSettingDto implements OfficeSettingInput {
  @ApiProperty({ example: 30 })
  @IsInt({ message: '设置值应为整数 / The value must be a whole number' })
  value!: number;
}
