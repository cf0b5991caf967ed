import { Pipe, PipeTransform, inject } from '@angular/core';
import type { StoredFileKind } from '@crm/domain';
import { I18nService } from '@crm/web/core';

/** 附件's own texts, Chinese first, English second; kept with the feature so they load with its chunk. */
export const FILES_TEXT = {
  title: ['附件', 'Files'],
  kind: ['类别', 'Kind'],
  name: ['文件名', 'File name'],
  size: ['大小', 'Size'],
  uploader: ['上传人', 'Uploaded by'],
  uploadedAt: ['上传时间', 'Uploaded at'],
  actions: ['操作', 'Actions'],
  download: ['下载', 'Download'],
  remove: ['删除', 'Remove'],
  removeConfirm: ['确定删除该附件？删除后不再列出（留有审计记录）。', 'Remove this file? It will no longer be listed (the audit keeps a record).'],
  removed: ['已删除附件', 'File removed'],
  uploaded: ['已上传：{name}', 'Uploaded: {name}'],
  upload: ['上传附件', 'Upload a file'],
  uploading: ['正在上传…', 'Uploading…'],
  chooseKind: ['附件类别', 'Kind of file'],
  hint: [
    '支持 PDF、图片（PNG、JPEG）、Word（.doc、.docx）、Excel（.xls、.xlsx），单个文件不超过 {mb} MB；按文件内容识别类型。',
    'PDF, PNG/JPEG images, Word (.doc, .docx) and Excel (.xls, .xlsx), up to {mb} MB each; the type is read from the content.',
  ],
  tooLarge: ['文件“{name}”超过 {mb} MB，请压缩或拆分后再上传', 'The file “{name}” is larger than {mb} MB; compress or split it'],
  empty: ['文件“{name}”是空的', 'The file “{name}” is empty'],
  refused: ['上传未成功', 'The file was not uploaded'],
  none: ['尚无附件', 'No files yet'],
  readOnly: ['您可以查看和下载附件；上传和删除由该记录的负责人员办理。', 'You may read and download the files; those who edit the record add and remove them.'],
  loadError: ['附件加载失败', 'The files could not be loaded'],
  retry: ['重试', 'Retry'],
} as const;

export type FilesTextKey = keyof typeof FILES_TEXT;

/** The text in the interface language, with {placeholders} filled. */
export function filesText(lang: string, key: FilesTextKey, params: Record<string, string | number> = {}): string {
  const [zh, en] = FILES_TEXT[key];
  return (lang === 'en' ? en : zh).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const FILE_KIND_TEXT: Record<StoredFileKind, [string, string]> = {
  agreement: ['协议', 'Agreement'],
  approval: ['批复', 'Approval'],
  opinion: ['意见', 'Opinion'],
  minutes: ['纪要', 'Minutes'],
  other: ['其他', 'Other'],
};

/** `{{ 'title' | ft }}`, `{{ 'hint' | ft: { mb: 20 } }}`: re-renders when the language changes. */
@Pipe({ name: 'ft', pure: false })
export class FilesTextPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: FilesTextKey, params: Record<string, string | number> = {}): string {
    return filesText(this.i18n.lang(), key, params);
  }
}
