import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, type ValidationOptions } from 'class-validator';
import { isMonday } from './weekly-digest.week';

/** A Monday, written YYYY-MM-DD. */
function IsMonday(validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMonday',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isMonday(value),
        defaultMessage: () =>
          '周跟踪的周次应为某个星期一的日期，格式 YYYY-MM-DD（例如 2025-03-10）/ week must be the date of a Monday, written YYYY-MM-DD (e.g. 2025-03-10)',
      },
    });
}

/** GET /api/digests/weekly */
export class WeeklyDigestQueryDto {
  @ApiPropertyOptional({ example: '2025-03-10', description: 'a Monday; default the latest on or before today (Shanghai)' })
  @IsOptional()
  @IsMonday()
  week?: string;
}
