import { Allow, type AuthUser, CurrentUser, LEDGER_MAX_UPLOAD_BYTES, QUEUE_RETRY_AFTER_SECONDS, utf8FileName } from '@crm/api/core';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Injectable,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { LedgerImportService, type ImportPreview } from './ledger-import.service';
import type { ColumnOverrides, UploadedLedger } from './ledger-preview.service';
import type { ImportBatchView } from './import-batch.store';
import { CommitImportDto } from './commit-import.dto';

const MB = LEDGER_MAX_UPLOAD_BYTES / 1024 / 1024;

/** Multer answers an oversized upload in English only; say it as the rest of the API does. */
@Injectable()
class UploadLimitInterceptor implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error) =>
        throwError(() =>
          error instanceof PayloadTooLargeException
            ? new PayloadTooLargeException({
                statusCode: 413,
                message: `文件超过 ${MB} MB，请拆分后分批导入 / The file is larger than ${MB} MB; split it and import the parts`,
                errors: { file: [`文件超过 ${MB} MB / larger than ${MB} MB`] },
              })
            : error,
        ),
      ),
    );
  }
}

const upload = FileInterceptor('file', { limits: { fileSize: LEDGER_MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

function requireFile(file: UploadedLedger | undefined): UploadedLedger {
  if (!file) {
    throw new BadRequestException({
      statusCode: 400,
      message: '请选择要导入的 .xlsx 文件（表单字段 file） / Attach the .xlsx file as the form field "file"',
      errors: { file: ['请选择文件 / Attach a file'] },
    });
  }
  return { ...file, originalname: utf8FileName(file.originalname) };
}

function parseColumns(text: unknown): ColumnOverrides {
  if (text === undefined || text === null || text === '') return {};
  try {
    const value = JSON.parse(String(text));
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (Object.values(value).every((v) => v === null || typeof v === 'string')) return value as ColumnOverrides;
    }
  } catch {
    // fall through to the refusal below
  }
  throw new BadRequestException({
    statusCode: 400,
    message: '列映射应为 {"表头": "字段"} 形式的JSON / columns must be JSON: {"header": "field" or null}',
    errors: { columns: ['列映射格式不正确 / columns is not valid JSON'] },
  });
}

const uploadBody = {
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', format: 'binary' },
      columns: { type: 'string', description: 'JSON {"表头": "field" | null}: mapping for headers that differ' },
    },
  },
};

/**
 * 台账导入: upload a sheet and get its preview (what each row will do, every error by row and
 * column); nothing is written until POST …/commit. Staff import for the chains their unit
 * serves; the office and admins for all.
 */
@ApiTags('台账导入导出 ledger import/export')
@Controller('ledger/imports')
export class LedgerImportController {
  constructor(private readonly imports: LedgerImportService) {}

  /** 201 with the preview; 202 when the worker reads the file (poll GET :id for progress). */
  private async respond(res: Response, preview: Promise<ImportPreview>): Promise<ImportPreview> {
    const result = await preview;
    if (result.batch.status === 'queued') res.status(202);
    return result;
  }

  @Allow('staff', 'office', 'admin')
  @Post('enterprises')
  @UseInterceptors(UploadLimitInterceptor, upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiPayloadTooLargeResponse({ description: `Larger than ${MB} MB` })
  previewEnterprises(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedLedger | undefined,
    @Res({ passthrough: true }) res: Response,
    @Body('columns') columns?: string,
  ): Promise<ImportPreview> {
    return this.respond(res, this.imports.upload('enterprises', user, requireFile(file), parseColumns(columns)));
  }

  @Allow('staff', 'office', 'admin')
  @Post('projects')
  @UseInterceptors(UploadLimitInterceptor, upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiPayloadTooLargeResponse({ description: `Larger than ${MB} MB` })
  previewProjects(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedLedger | undefined,
    @Res({ passthrough: true }) res: Response,
    @Body('columns') columns?: string,
  ): Promise<ImportPreview> {
    return this.respond(res, this.imports.upload('projects', user, requireFile(file), parseColumns(columns)));
  }

  /** The preview again; `errors=true` lists only the rows in error. */
  @Allow('staff', 'office', 'admin')
  @Get(':id')
  find(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('errors') errors?: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ): Promise<ImportPreview> {
    const n = (v: string | undefined, d: number, max: number) => {
      const x = Number.parseInt(v ?? '', 10);
      return Math.min(max, Math.max(0, Number.isNaN(x) ? d : x));
    };
    return this.imports.find(user, id, { onlyErrors: errors === 'true', offset: n(offset, 0, 1_000_000), limit: n(limit, 500, 5000) });
  }

  /**
   * Writes every valid row in one transaction through the pipeline's project writer: 200 with the
   * committed batch; 202 (`committing`) when the batch is large and the worker writes it (poll
   * GET :id for commitProgress). New projects without a 项目负责人 in their row take the default
   * chosen here for their chain (or whoever commits, when they serve it); 422 names the chains
   * still without one.
   */
  @Allow('staff', 'office', 'admin')
  @Post(':id/commit')
  @HttpCode(200)
  async commit(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
    @Body() body: CommitImportDto = {},
  ): Promise<ImportBatchView> {
    const batch = await this.imports.commit(user, id, body.defaultOwners).catch((error: unknown) => {
      // The job queue is unavailable (503): tell the client when to try again.
      if (error instanceof HttpException && error.getStatus() === 503) res.setHeader('Retry-After', String(QUEUE_RETRY_AFTER_SECONDS));
      throw error;
    });
    if (batch.committing) res.status(202);
    return batch;
  }
}
