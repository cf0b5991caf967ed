import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

/**
 * PostgreSQL's refusals of a value (SQLSTATE): bad text for a type, a number out of range, a
 * date/time out of range or badly written, a NUL byte, an untranslatable character, a check
 * constraint. Each means the request carried a value the DTOs should have refused.
 */
export const INVALID_VALUE_SQLSTATES = ['22P02', '22003', '22007', '22008', '22021', '22P05', '23514'] as const;

export const INVALID_VALUE_MESSAGE =
  '提交的内容含有无法保存的值（如日期、数字超出范围或含有无效字符），未作任何修改，请检查后再试 / The input has a value that cannot be stored (a date or number out of range, or an invalid character); nothing was changed';

/** The SQLSTATE of a database error (TypeORM's QueryFailedError or pg's own), if any. */
export function sqlStateOf(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string' && /^[0-9A-Z]{5}$/.test(own)) return own;
  const driver = (error as { driverError?: { code?: unknown } }).driverError;
  return typeof driver?.code === 'string' ? driver.code : null;
}

/**
 * The database edge: a PostgreSQL refusal of an input value answers 400 with a generic message
 * (the transaction has rolled back, nothing was written), never a 500. Everything else goes to
 * Nest's own handling.
 */
@Catch()
export class DatabaseInputErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('DatabaseInputError');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const state = sqlStateOf(exception);
    if (host.getType() === 'http' && state && (INVALID_VALUE_SQLSTATES as readonly string[]).includes(state)) {
      const http = host.switchToHttp();
      const response = http.getResponse<Response>();
      if (!response.headersSent) {
        // A DTO let the value through: worth fixing, so it is logged (the route, not the value).
        const request = http.getRequest<Request>();
        this.logger.warn(`PostgreSQL refused a value (${state}) on ${request.method} ${request.path}`);
        response.status(HttpStatus.BAD_REQUEST).json({ statusCode: HttpStatus.BAD_REQUEST, message: INVALID_VALUE_MESSAGE });
        return;
      }
    }
    super.catch(exception, host);
  }
}
