import { BadRequestException } from '@nestjs/common';

/** The largest upload accepted (a 20,000-row ledger is 2-4 MB). */
export const LEDGER_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The most the workbook may unpack to: refuses a small file that inflates to gigabytes. */
export const LEDGER_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

export interface FileProblem {
  code: 'empty-file' | 'encrypted-or-xls' | 'not-xlsx' | 'corrupt' | 'too-large-unpacked';
  zh: string;
  en: string;
}

export const FILE_PROBLEMS: Record<FileProblem['code'], FileProblem> = {
  'empty-file': { code: 'empty-file', zh: '上传的文件是空的', en: 'The uploaded file is empty' },
  'encrypted-or-xls': {
    code: 'encrypted-or-xls',
    zh: '工作簿设置了打开密码，或是旧版 .xls 格式：请取消密码并另存为 .xlsx 后再导入',
    en: 'The workbook is password-protected or an old .xls file: remove the password and save it as .xlsx',
  },
  'not-xlsx': {
    code: 'not-xlsx',
    zh: '文件不是 Excel 工作簿（.xlsx），请用模板或在Excel中另存为 .xlsx',
    en: 'The file is not an Excel workbook (.xlsx); use the template or save it as .xlsx',
  },
  corrupt: {
    code: 'corrupt',
    zh: '工作簿已损坏，无法读取，请在Excel中打开后重新保存',
    en: 'The workbook is damaged and cannot be read; open it in Excel and save it again',
  },
  'too-large-unpacked': {
    code: 'too-large-unpacked',
    zh: `工作簿解压后超过 ${LEDGER_MAX_UNPACKED_BYTES / 1024 / 1024} MB，请分批导入`,
    en: `The workbook unpacks to more than ${LEDGER_MAX_UNPACKED_BYTES / 1024 / 1024} MB; import it in parts`,
  },
};

export function refuseFile(problem: FileProblem): never {
  throw new BadRequestException({
    statusCode: 400,
    message: `${problem.zh} / ${problem.en}`,
    code: problem.code,
    errors: { file: [`${problem.zh} / ${problem.en}`] },
  });
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Is this an .xlsx we can open? An encrypted workbook is an OLE compound file (D0 CF 11 E0), as is
 * an old .xls; an .xlsx is a zip holding xl/workbook.xml. The zip's central directory is read to
 * find the workbook and add up the unpacked size before anything is inflated.
 */
export function checkXlsxBytes(bytes: Buffer): FileProblem | null {
  if (bytes.length === 0) return FILE_PROBLEMS['empty-file'];
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB_MAGIC)) return FILE_PROBLEMS['encrypted-or-xls'];
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== ZIP_LOCAL) return FILE_PROBLEMS['not-xlsx'];
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return FILE_PROBLEMS.corrupt;
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  let unpacked = 0;
  let hasWorkbook = false;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== ZIP_CENTRAL) return FILE_PROBLEMS.corrupt;
    unpacked += bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extra = bytes.readUInt16LE(offset + 30);
    const comment = bytes.readUInt16LE(offset + 32);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    offset += 46 + nameLength + extra + comment;
  }
  if (!hasWorkbook) return FILE_PROBLEMS['not-xlsx'];
  if (unpacked > LEDGER_MAX_UNPACKED_BYTES) return FILE_PROBLEMS['too-large-unpacked'];
  return null;
}
