import { BadRequestException } from '@nestjs/common';

/** A year in a path or query: 2000–2100, else 400 naming the parameter. */
export function yearParam(value: string, name = 'year'): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2100)) {
    throw new BadRequestException({
      statusCode: 400,
      message: `年度应为2000至2100之间的四位数字 / ${name} must be a year between 2000 and 2100`,
      errors: { [name]: ['年度应为四位数字 / A four-digit year'] },
    });
  }
  return year;
}

/** A positive integer id in a path, else 400 naming it. */
export function idParam(value: string, name = 'id'): number {
  const id = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(id >= 1)) {
    throw new BadRequestException({
      statusCode: 400,
      message: `编号无效 / ${name} must be a positive integer`,
      errors: { [name]: ['编号无效 / Invalid id'] },
    });
  }
  return id;
}
