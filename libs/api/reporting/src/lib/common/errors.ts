import { isPeriod } from '@crm/domain';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  UnprocessableEntityException,
  type PipeTransform,
} from '@nestjs/common';

/** Refusals of the reporting area, in Chinese and English. */
export const refuse = {
  notFound: (zh: string, en: string) =>
    new NotFoundException(`没有找到${zh} / No ${en}`),
  rule: (zh: string, en: string) =>
    new UnprocessableEntityException({
      statusCode: 422,
      message: `${zh} / ${en}`,
    }),
  noUnit: () =>
    new ForbiddenException(
      '您的账号未关联责任单位，无法填报月报 / Your account is not linked to a reporting unit',
    ),
  stale: <T>(current: T) =>
    new ConflictException({
      statusCode: 409,
      message:
        '月报已被他人修改，请查看最新内容后再保存 / Someone else saved this report first; review it and save again',
      current,
    }),
};

/** Route parameter :period, written YYYY-MM. */
export class ParsePeriodPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isPeriod(value)) {
      throw new BadRequestException({
        statusCode: 400,
        message: '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM',
        errors: {
          period: [
            '报告期应为 YYYY-MM 格式 / The period must be written YYYY-MM',
          ],
        },
      });
    }
    return value;
  }
}

/** The rows of an UPDATE … RETURNING: TypeORM's query() answers [rows, affected count] for it. */
export function updatedRows<T>(result: unknown): T[] {
  const r = result as unknown[];
  return Array.isArray(r[0]) ? (r[0] as T[]) : (r as T[]);
}
