import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { filesConfig, type FilesConfig } from './files.config';
import { StoredFileController } from './files/stored-file.controller';
import { StoredFileService } from './files/stored-file.service';
import { AcceptingFileScanner, FILE_SCANNER } from './scanning/file-scanner';

/**
 * 附件 (issue 21 §4): files attached to records, kept in PostgreSQL beside them. Access is the
 * owner's: see registerFileOwner. Audit entries go through the global AuditModule. The upload
 * limit (FILES_MAX_UPLOAD_MB) is multer's, so a larger body is cut off while it arrives.
 */
@Module({
  imports: [
    ConfigModule.forFeature(filesConfig),
    MulterModule.registerAsync({
      imports: [ConfigModule.forFeature(filesConfig)],
      inject: [filesConfig.KEY],
      useFactory: (config: FilesConfig) => ({ limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 12 } }),
    }),
  ],
  controllers: [StoredFileController],
  providers: [StoredFileService, { provide: FILE_SCANNER, useClass: AcceptingFileScanner }],
  exports: [StoredFileService],
})
export class FilesModule {}
