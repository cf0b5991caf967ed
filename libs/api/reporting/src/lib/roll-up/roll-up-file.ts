import type { RollUpExportFormat } from '@crm/domain';

export const ROLL_UP_MIME: Record<RollUpExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** "2025年3月招商引资工作汇总报告.docx" */
export function rollUpFileName(
  period: string,
  format: RollUpExportFormat,
): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月招商引资工作汇总报告.${format}`;
}

/** Content-Disposition with the Chinese name (RFC 5987/6266) and an ASCII fallback. */
export function attachmentHeader(
  fileName: string,
  asciiFallback: string,
): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
