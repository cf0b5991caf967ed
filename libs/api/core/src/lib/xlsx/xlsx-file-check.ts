import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';

/** The largest upload accepted (a 20,000-row ledger is 2-4 MB). */
export const LEDGER_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The most the workbook may unpack to: refuses a small file that inflates to gigabytes. */
export const LEDGER_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** The most one part of the workbook (one sheet's XML) may unpack to. */
export const XLSX_MAX_ENTRY_BYTES = 80 * 1024 * 1024;
/** The most parts a workbook may hold (a real one has tens, a few hundred with many sheets and images). */
export const XLSX_MAX_ENTRIES = 2000;
/**
 * The highest compression ratio a part may have once it has unpacked past XLSX_RATIO_FROM_BYTES:
 * sheet XML packs 5-30 to 1, very repetitive sheets about 100 to 1; deflate's ceiling is about 1,030.
 */
export const XLSX_MAX_RATIO = 250;
export const XLSX_RATIO_FROM_BYTES = 4 * 1024 * 1024;

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
    zh: `工作簿解压后超过 ${LEDGER_MAX_UNPACKED_BYTES / 1024 / 1024} MB（或其中某一部分过大、压缩比异常），请分批导入`,
    en: `The workbook unpacks to more than ${LEDGER_MAX_UNPACKED_BYTES / 1024 / 1024} MB (or one part is too large or packed abnormally tight); import it in parts`,
  },
};

export function refuseFile(problem: FileProblem): never {
  const body = {
    statusCode: 400,
    message: `${problem.zh} / ${problem.en}`,
    code: problem.code,
    errors: { file: [`${problem.zh} / ${problem.en}`] },
  };
  // A workbook that unpacks too far is refused as too large (413), not as bad input.
  if (problem.code === 'too-large-unpacked') {
    throw new HttpException({ ...body, statusCode: HttpStatus.PAYLOAD_TOO_LARGE }, HttpStatus.PAYLOAD_TOO_LARGE);
  }
  throw new BadRequestException(body);
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Is this an .xlsx we can open? An encrypted workbook is an OLE compound file (D0 CF 11 E0), as is
 * an old .xls; an .xlsx is a zip holding xl/workbook.xml.
 *
 * The sizes a zip declares are not trusted (a forged header can say 1 KB for a gigabyte): every part
 * is really decoded (inflatedSize: each literal and match counted, nothing written), and the check stops as soon as the parts, one part, the whole or one part's compression ratio
 * passes its limit. The memory this takes stays a few kilobytes whatever the file, in the API and in
 * the worker (both call this before the workbook is loaded).
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
  if (entries > XLSX_MAX_ENTRIES) return FILE_PROBLEMS['too-large-unpacked'];
  let offset = bytes.readUInt32LE(end + 16);
  const parts: { name: string; method: number; compressed: number; local: number }[] = [];
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== ZIP_CENTRAL) return FILE_PROBLEMS.corrupt;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extra = bytes.readUInt16LE(offset + 30);
    const comment = bytes.readUInt16LE(offset + 32);
    parts.push({
      name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: bytes.readUInt16LE(offset + 10),
      compressed: bytes.readUInt32LE(offset + 20),
      local: bytes.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extra + comment;
  }
  if (!parts.some((p) => p.name === 'xl/workbook.xml')) return FILE_PROBLEMS['not-xlsx'];

  let total = 0;
  for (const part of parts) {
    const local = part.local;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== ZIP_LOCAL) return FILE_PROBLEMS.corrupt;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, Math.min(bytes.length, start + part.compressed));
    let size: number | 'too-large' | 'corrupt';
    if (part.method === 0) size = data.length;
    else if (part.method === 8) size = inflatedSize(data, Math.min(XLSX_MAX_ENTRY_BYTES, LEDGER_MAX_UNPACKED_BYTES - total));
    else return FILE_PROBLEMS.corrupt;
    if (size === 'corrupt') return FILE_PROBLEMS.corrupt;
    if (size === 'too-large') return FILE_PROBLEMS['too-large-unpacked'];
    total += size;
    if (total > LEDGER_MAX_UNPACKED_BYTES) return FILE_PROBLEMS['too-large-unpacked'];
  }
  return null;
}

/**
 * The real unpacked size of one deflated part (RFC 1951), counted by decoding it without writing the
 * output anywhere (a literal counts 1, a match its length: no window is needed to count), so memory
 * stays flat whatever the part says or holds. 'too-large' as soon as the count passes `limit` or, past
 * XLSX_RATIO_FROM_BYTES, XLSX_MAX_RATIO times the input read so far; 'corrupt' for a stream zlib
 * would refuse (bad block type, bad code, a distance reaching before the start).
 */
export function inflatedSize(data: Buffer, limit: number): number | 'too-large' | 'corrupt' {
  const reader = new BitReader(data);
  let size = 0;
  try {
    let last = 0;
    do {
      last = reader.bits(1);
      const type = reader.bits(2);
      if (type === 0) {
        reader.align();
        const length = reader.byte() | (reader.byte() << 8);
        const check = reader.byte() | (reader.byte() << 8);
        if (length !== (~check & 0xffff)) return 'corrupt';
        reader.skip(length);
        size += length;
      } else if (type === 1 || type === 2) {
        const [lengths, distances] = type === 1 ? FIXED_TABLES() : dynamicTables(reader);
        for (;;) {
          const symbol = decode(reader, lengths);
          if (symbol < 256) size += 1;
          else if (symbol === 256) break;
          else {
            const index = symbol - 257;
            if (index >= 29) return 'corrupt';
            const length = LENGTH_BASE[index] + reader.bits(LENGTH_EXTRA[index]);
            const d = decode(reader, distances);
            if (d >= 30) return 'corrupt';
            const distance = DIST_BASE[d] + reader.bits(DIST_EXTRA[d]);
            if (distance > size) return 'corrupt';
            size += length;
          }
          if (size > limit || (size > XLSX_RATIO_FROM_BYTES && size > reader.position * XLSX_MAX_RATIO)) return 'too-large';
        }
      } else {
        return 'corrupt';
      }
      if (size > limit || (size > XLSX_RATIO_FROM_BYTES && size > reader.position * XLSX_MAX_RATIO)) return 'too-large';
    } while (!last);
    return size;
  } catch {
    return 'corrupt';
  }
}

class BitReader {
  position = 0;
  private buffer = 0;
  private count = 0;
  constructor(private readonly data: Buffer) {}

  bits(need: number): number {
    let value = this.buffer;
    while (this.count < need) {
      if (this.position >= this.data.length) throw new Error('unexpected end of the stream');
      value |= this.data[this.position++] << this.count;
      this.count += 8;
    }
    this.buffer = value >>> need;
    this.count -= need;
    return value & ((1 << need) - 1);
  }

  align(): void {
    this.buffer = 0;
    this.count = 0;
  }

  byte(): number {
    if (this.position >= this.data.length) throw new Error('unexpected end of the stream');
    return this.data[this.position++];
  }

  skip(n: number): void {
    if (this.position + n > this.data.length) throw new Error('unexpected end of the stream');
    this.position += n;
  }
}

interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>, n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]]++;
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + counts[len];
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i] !== 0) symbols[offsets[lengths[i]]++] = i;
  return { counts, symbols };
}

function decode(reader: BitReader, h: Huffman): number {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len <= 15; len++) {
    code |= reader.bits(1);
    const count = h.counts[len];
    if (code - first < count) return h.symbols[index + (code - first)];
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  throw new Error('bad code');
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

let fixed: [Huffman, Huffman] | null = null;
function FIXED_TABLES(): [Huffman, Huffman] {
  if (!fixed) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixed = [huffman(lengths, 288), huffman(new Uint8Array(30).fill(5), 30)];
  }
  return fixed;
}

function dynamicTables(reader: BitReader): [Huffman, Huffman] {
  const nlen = reader.bits(5) + 257;
  const ndist = reader.bits(5) + 1;
  const ncode = reader.bits(4) + 4;
  if (nlen > 286 || ndist > 30) throw new Error('bad counts');
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = reader.bits(3);
  const codes = huffman(codeLengths, 19);
  const lengths = new Uint8Array(nlen + ndist);
  for (let i = 0; i < nlen + ndist; ) {
    const symbol = decode(reader, codes);
    if (symbol < 16) lengths[i++] = symbol;
    else {
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (i === 0) throw new Error('repeat with no length');
        value = lengths[i - 1];
        repeat = 3 + reader.bits(2);
      } else if (symbol === 17) repeat = 3 + reader.bits(3);
      else repeat = 11 + reader.bits(7);
      if (i + repeat > nlen + ndist) throw new Error('too many lengths');
      while (repeat--) lengths[i++] = value;
    }
  }
  if (lengths[256] === 0) throw new Error('no end code');
  return [huffman(lengths.subarray(0, nlen), nlen), huffman(lengths.subarray(nlen), ndist)];
}
