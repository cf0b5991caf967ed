export { FilesModule } from './lib/files.module';
// 附件: each area whose records carry files registers how to check access to them (see the doc comment).
export { FILE_OWNER_TYPE_PATTERN, fileOwnerAccess, fileOwnerTypes, registerFileOwner, type FileOwnerAccess } from './lib/owners/file-owner-registry';
