import { AuditService } from '@crm/api/audit';
import { CLOCK, utf8FileName, type AuthUser, type Clock } from '@crm/api/core';
import { type StoredFileFormat, type StoredFileKind, type StoredFileList, type StoredFileView } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { filesConfig, type FilesConfig } from '../files.config';
import { fileOwnerAccess, type FileOwnerAccess } from '../owners/file-owner-registry';
import { FILE_SCANNER, type FileScanner } from '../scanning/file-scanner';
import { extensionContradicts, extensionOf, sniffFile } from '../sniffing/file-sniffing';
import { FILE_PROBLEMS } from './file-problems';

/** What the upload route hands over: multer's in-memory file. */
export interface UploadedBytes {
  originalname: string;
  buffer: Buffer;
}

export interface FileUpload {
  ownerType: string;
  ownerId: string;
  kind: StoredFileKind;
}

/** A file's bytes with what a download needs to say about them. */
export interface StoredFileContent {
  name: string;
  mediaType: string;
  content: Buffer;
}

interface FileRow {
  id: string;
  owner_type: string;
  owner_id: string;
  project_id: string | null;
  kind: StoredFileKind;
  name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploader_name: string | null;
  uploaded_at: Date;
}

const COLUMNS = `f.id, f.owner_type, f.owner_id, f.project_id, f.kind, f.name, f.media_type, f.size_bytes, f.sha256,
  f.uploaded_by, u.display_name AS uploader_name, f.uploaded_at`;
const FROM = `stored_file f LEFT JOIN app_user u ON u.id = f.uploaded_by`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a format is named in a message. */
const FORMAT_NAMES: Record<StoredFileFormat, string> = {
  pdf: 'PDF',
  png: 'PNG',
  jpeg: 'JPEG',
  doc: 'Word (.doc)',
  docx: 'Word (.docx)',
  xls: 'Excel (.xls)',
  xlsx: 'Excel (.xlsx)',
};

/**
 * 附件: files attached to records, in PostgreSQL (table stored_file). Who may read or change a
 * record's files is the record's own rule, asked of the area that registered its owner type; a
 * record the user may not read does not exist for them (404), nor do its files. Every upload and
 * deletion is one transaction with its audit row.
 */
@Injectable()
export class StoredFileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FILE_SCANNER) private readonly scanner: FileScanner,
    @Inject(filesConfig.KEY) private readonly config: FilesConfig,
  ) {}

  async list(user: AuthUser, ownerType: string, ownerId: string): Promise<StoredFileList> {
    const manager = this.dataSource.manager;
    const owner = this.ownerAccess(ownerType);
    if (!(await owner.canRead(manager, user, ownerId))) throw FILE_PROBLEMS.ownerNotFound();
    const rows: FileRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${FROM}
       WHERE f.owner_type = $1 AND f.owner_id = $2 AND f.deleted_at IS NULL
       ORDER BY f.uploaded_at DESC, f.id`,
      [ownerType, ownerId],
    );
    return { items: rows.map(toView), canWrite: await owner.canWrite(manager, user, ownerId), maxUploadBytes: this.config.maxUploadBytes };
  }

  /**
   * Stores a file for a record. The record's access is checked first (an outsider learns nothing
   * about it from how their file is judged), then the bytes: their type, the name's extension
   * against it, the virus scan; only then, in one transaction, the row and its audit entry.
   */
  async upload(user: AuthUser, input: FileUpload, file: UploadedBytes): Promise<StoredFileView> {
    const owner = this.ownerAccess(input.ownerType);
    await this.checkWritable(this.dataSource.manager, owner, user, input.ownerId);
    const name = cleanFileName(file.originalname);
    const bytes = file.buffer;
    const sniffed = sniffFile(bytes);
    if (sniffed.ok === false) {
      if (sniffed.reason === 'empty') throw FILE_PROBLEMS.emptyFile();
      if (sniffed.reason === 'encrypted') throw FILE_PROBLEMS.encrypted();
      if (sniffed.reason === 'macros') throw FILE_PROBLEMS.macros();
      throw FILE_PROBLEMS.unsupportedType();
    }
    if (extensionContradicts(name, sniffed.format)) {
      throw FILE_PROBLEMS.extensionContradicts(FORMAT_NAMES[sniffed.format], extensionOf(name));
    }
    const verdict = await this.scanner.scan(bytes, name);
    if (verdict.clean === false) throw FILE_PROBLEMS.infected(verdict.threat);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    return this.dataSource.transaction(async (tx) => {
      await this.checkWritable(tx, owner, user, input.ownerId);
      const projectId = (await owner.projectOf?.(tx, input.ownerId)) ?? null;
      const [{ id }] = await tx.query(
        `INSERT INTO stored_file (owner_type, owner_id, project_id, kind, name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [input.ownerType, input.ownerId, projectId, input.kind, name, sniffed.mediaType, bytes.length, sha256, bytes, user.id, this.clock.now()],
      );
      const view = await this.view(tx, id);
      await this.audit.record(tx, user, { action: 'create', entityType: 'stored_file', entityId: id, projectId, after: snapshot(view) });
      return view;
    });
  }

  /** The bytes of a file the user may read (as its record); 404 for any other. */
  async content(user: AuthUser, id: string): Promise<StoredFileContent> {
    const manager = this.dataSource.manager;
    const row = await this.readable(manager, user, id);
    const [{ content }] = await manager.query(`SELECT content FROM stored_file WHERE id = $1`, [row.id]);
    return { name: row.name, mediaType: row.media_type, content };
  }

  /** Removes a file from its record's list (the row and its bytes stay, for the audit). */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.readable(tx, user, id, true);
      const owner = this.ownerAccess(row.owner_type);
      if (!(await owner.canWrite(tx, user, row.owner_id))) throw FILE_PROBLEMS.notWritable();
      await tx.query(`UPDATE stored_file SET deleted_at = $2, deleted_by = $3 WHERE id = $1`, [id, this.clock.now(), user.id]);
      await this.audit.record(tx, user, {
        action: 'delete',
        entityType: 'stored_file',
        entityId: id,
        projectId: row.project_id,
        before: snapshot(toView(row)),
      });
    });
  }

  private ownerAccess(ownerType: string): FileOwnerAccess {
    const owner = fileOwnerAccess(ownerType);
    if (!owner) throw FILE_PROBLEMS.unknownOwnerType();
    return owner;
  }

  private async checkWritable(manager: EntityManager, owner: FileOwnerAccess, user: AuthUser, ownerId: string): Promise<void> {
    if (!(await owner.canRead(manager, user, ownerId))) throw FILE_PROBLEMS.ownerNotFound();
    if (!(await owner.canWrite(manager, user, ownerId))) throw FILE_PROBLEMS.notWritable();
  }

  /** A file not deleted whose record the user may read; 404 otherwise (an unknown owner type too). */
  private async readable(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<FileRow> {
    if (!UUID.test(id)) throw FILE_PROBLEMS.fileNotFound();
    const [row]: FileRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE f.id = $1 AND f.deleted_at IS NULL${lock ? ' FOR UPDATE OF f' : ''}`,
      [id],
    );
    const owner = row ? fileOwnerAccess(row.owner_type) : undefined;
    if (!row || !owner || !(await owner.canRead(manager, user, row.owner_id))) throw FILE_PROBLEMS.fileNotFound();
    return row;
  }

  private async view(manager: EntityManager, id: string): Promise<StoredFileView> {
    const [row]: FileRow[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE f.id = $1`, [id]);
    return toView(row);
  }
}

/** The name as uploaded, without any folder a browser or client put before it. */
function cleanFileName(raw: string | undefined): string {
  const name = utf8FileName(raw ?? '')
    .split(/[/\\]/)
    .pop()
    ?.trim()
    .normalize('NFC');
  // eslint-disable-next-line no-control-regex
  if (!name || [...name].length > 255 || /[\u0000-\u001f\u007f]/.test(name)) throw FILE_PROBLEMS.badName();
  return name;
}

function toView(row: FileRow): StoredFileView {
  return {
    id: row.id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    kind: row.kind,
    name: row.name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by ? { id: row.uploaded_by, displayName: row.uploader_name ?? '' } : null,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
  };
}

/** What the audit keeps of a file: everything but its bytes (kept in the row itself). */
function snapshot(view: StoredFileView) {
  return {
    ownerType: view.ownerType,
    ownerId: view.ownerId,
    kind: view.kind,
    name: view.name,
    mediaType: view.mediaType,
    sizeBytes: view.sizeBytes,
    sha256: view.sha256,
  };
}
