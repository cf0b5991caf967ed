/**
 * 附件: a file attached to a record (a project, a pre-review opinion, a 要素保障 answer …).
 * The API keeps the bytes; this is what both sides agree a file looks like.
 */

/** What the file is: 协议, 批复, 意见, 纪要, 其他. */
export const STORED_FILE_KINDS = ['agreement', 'approval', 'opinion', 'minutes', 'other'] as const;
export type StoredFileKind = (typeof STORED_FILE_KINDS)[number];

export const STORED_FILE_KIND_LABELS: Record<StoredFileKind, string> = {
  agreement: '协议',
  approval: '批复',
  opinion: '意见',
  minutes: '纪要',
  other: '其他',
};

/** The media types accepted, as read from the bytes (never from the name). */
export const STORED_FILE_MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type StoredFileFormat = keyof typeof STORED_FILE_MEDIA_TYPES;

/** The extensions a name may carry for each format (a name without an extension is accepted). */
export const STORED_FILE_EXTENSIONS: Record<StoredFileFormat, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  doc: ['doc'],
  docx: ['docx'],
  xls: ['xls'],
  xlsx: ['xlsx'],
};

/** For the upload picker (`accept`): the extensions of every accepted format. */
export const STORED_FILE_ACCEPT = Object.values(STORED_FILE_EXTENSIONS)
  .flat()
  .map((e) => `.${e}`)
  .join(',');

/** GET /api/files?ownerType=&ownerId= (one item), and POST /api/files's answer. */
export interface StoredFileView {
  id: string;
  ownerType: string;
  ownerId: string;
  kind: StoredFileKind;
  /** The name as uploaded (原文件名). */
  name: string;
  /** As sniffed from the content. */
  mediaType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  uploadedBy: { id: string; displayName: string } | null;
  /** ISO instant. */
  uploadedAt: string;
}

/** GET /api/files?ownerType=&ownerId=: the owner's files, and whether this user may add or remove them. */
export interface StoredFileList {
  items: StoredFileView[];
  canWrite: boolean;
  /** The largest file the API accepts (FILES_MAX_UPLOAD_MB), so the page can say so before sending. */
  maxUploadBytes: number;
}
