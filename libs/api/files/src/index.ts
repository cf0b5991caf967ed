export { FilesModule } from './lib/files.module';
// 附件: each area whose records carry files registers how to check access to them (see the doc comment).
export { FILE_OWNER_TYPE_PATTERN, fileOwnerAccess, fileOwnerTypes, registerFileOwner, type FileOwnerAccess } from './lib/owners/file-owner-registry';
export { FILE_SCANNER, AcceptingFileScanner, type FileScanner, type FileScanVerdict } from './lib/scanning/file-scanner';
export { StoredFileService, type FileUpload, type StoredFileContent, type UploadedBytes } from './lib/files/stored-file.service';
/** For tests: small real files of every accepted kind (and an executable), and OLE2 containers with chosen streams. */
export { FIXTURES as FILE_FIXTURES } from './lib/sniffing/file-fixtures.testing';
export { compoundFile, type CompoundEntry } from './lib/sniffing/compound-file.testing';
