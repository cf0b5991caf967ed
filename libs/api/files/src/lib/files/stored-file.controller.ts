import { CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { StoredFileList, StoredFileView } from '@crm/domain';
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiTags, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { filesConfig, type FilesConfig } from '../files.config';
import { FILE_PROBLEMS } from './file-problems';
import { FileOwnerQuery, UploadFileDto } from './stored-file.dto';
import { StoredFileService, type UploadedBytes } from './stored-file.service';

/** Multer refuses an oversized or malformed upload in English; say it as the rest of the API does, naming the field. */
@Injectable()
class UploadProblemsInterceptor implements NestInterceptor {
  constructor(@Inject(filesConfig.KEY) private readonly config: FilesConfig) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error) =>
        throwError(() => {
          if (error instanceof PayloadTooLargeException) return FILE_PROBLEMS.tooLarge(this.config.maxUploadBytes / 1024 / 1024);
          if (error instanceof BadRequestException && typeof error.getResponse() === 'object' && !('errors' in (error.getResponse() as object))) {
            return new BadRequestException({
              statusCode: 400,
              message: `上传的表单不正确：只能有一个文件（字段 file） / Malformed upload: one file, as the field "file" (${error.message})`,
              errors: { file: ['上传的表单不正确 / Malformed upload'] },
            });
          }
          return error;
        }),
      ),
    );
  }
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name (中文文件名) percent-encoded, attr-chars only. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const uploadBody = {
  schema: {
    type: 'object',
    required: ['ownerType', 'ownerId', 'kind', 'file'],
    properties: {
      ownerType: { type: 'string', example: 'project' },
      ownerId: { type: 'string' },
      kind: { type: 'string', enum: ['agreement', 'approval', 'opinion', 'minutes', 'other'] },
      file: { type: 'string', format: 'binary' },
    },
  },
};

/**
 * 附件: upload, list, download and remove the files of a record. Every route is open to the
 * signed-in; what each user may do is the record's rule (registerFileOwner).
 */
@ApiTags('附件 files')
@Controller('files')
export class StoredFileController {
  constructor(private readonly files: StoredFileService) {}

  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: FileOwnerQuery): Promise<StoredFileList> {
    return this.files.list(user, query.ownerType, query.ownerId);
  }

  @SignedIn()
  @Post()
  @UseInterceptors(UploadProblemsInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody)
  @ApiPayloadTooLargeResponse({ description: 'Larger than FILES_MAX_UPLOAD_MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not PDF, PNG, JPEG, Word or Excel by its content' })
  upload(@CurrentUser() user: AuthUser, @Body() body: UploadFileDto, @UploadedFile() file: UploadedBytes | undefined): Promise<StoredFileView> {
    if (!file) throw FILE_PROBLEMS.noFile();
    return this.files.upload(user, body, file);
  }

  /** The bytes, as the stored media type, never sniffed again by the browser. */
  @SignedIn()
  @Get(':id/content')
  async content(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.files.content(user, id);
    res.set({
      'Content-Type': file.mediaType,
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    return new StreamableFile(file.content, { length: file.content.length });
  }

  @SignedIn()
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.files.remove(user, id);
  }
}
