/**
 * Multer reads a multipart file name as Latin-1, so a browser's UTF-8 name (重点项目.xlsx) arrives
 * as mojibake; decode it back when it is UTF-8 read byte by byte.
 */
export function utf8FileName(name: string): string {
  const latin1 = [...name].every((c) => c.charCodeAt(0) <= 0xff);
  if (!latin1 || !/[\u0080-\u00ff]/.test(name)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}
