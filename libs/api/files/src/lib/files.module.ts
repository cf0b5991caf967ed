import { Module } from '@nestjs/common';

/**
 * 附件 (issue 21 §4): files attached to records, kept in PostgreSQL beside them. Access is the
 * owner's: see registerFileOwner. Audit entries go through the global AuditModule.
 */
@Module({})
export class FilesModule {}
