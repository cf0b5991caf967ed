import { STORED_FILE_EXTENSIONS, STORED_FILE_MEDIA_TYPES, type StoredFileFormat } from '@crm/domain';

/**
 * What a file is, read from its bytes: the name and the browser's Content-Type are the sender's
 * word and are never trusted. Written here rather than taken from `file-type`: its versions since
 * 17 are ES modules only, which this CommonJS API and its jest runs cannot load, and it reports any
 * OLE2 file as "cfb" without telling a Word .doc from an Excel .xls.
 *
 * - PDF: `%PDF-` at the very start (readers accept it later in the first 1 KB, which would let an
 *   executable carrying the marker through); PNG: its 8-byte signature; JPEG: FF D8 FF.
 * - .doc / .xls: an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1) whose root storage holds a
 *   `WordDocument` stream (Word) or a `Workbook` / `Book` stream (Excel), found by walking the
 *   directory through the file's sector chain (an embedded object's streams do not count); one
 *   holding a macro project (Word's `Macros`, Excel's `_VBA_PROJECT_CUR`) is refused.
 * - .docx / .xlsx: a zip whose central directory lists `[Content_Types].xml` and `word/document.xml`
 *   or `xl/workbook.xml`; a macro project (vbaProject.bin) is refused.
 */
export type SniffResult =
  | { ok: true; format: StoredFileFormat; mediaType: string }
  | { ok: false; reason: 'unknown' | 'encrypted' | 'macros' | 'empty' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;
const ZIP_CENTRAL = 0x02014b50;

const found = (format: StoredFileFormat): SniffResult => ({ ok: true, format, mediaType: STORED_FILE_MEDIA_TYPES[format] });
const refused = (reason: 'unknown' | 'encrypted' | 'macros' | 'empty'): SniffResult => ({ ok: false, reason });

export function sniffFile(bytes: Buffer): SniffResult {
  if (bytes.length === 0) return refused('empty');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return found('pdf');
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return found('png');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return found('jpeg');
  if (bytes.length >= 512 && bytes.subarray(0, 8).equals(CFB)) return sniffCompoundFile(bytes);
  if (bytes.length >= 22 && bytes.readUInt32LE(0) === ZIP_LOCAL) return sniffOfficeZip(bytes);
  return refused('unknown');
}

/** The extension of a file name, lower-cased, without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Does the name's extension contradict the format read from the bytes? A name without one does not. */
export function extensionContradicts(name: string, format: StoredFileFormat): boolean {
  const ext = extensionOf(name);
  return ext !== '' && !STORED_FILE_EXTENSIONS[format].includes(ext);
}

/** The names the zip's central directory lists, or null when it has none that can be read. */
function zipEntryNames(bytes: Buffer): string[] | null {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== ZIP_CENTRAL) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return names;
}

function sniffOfficeZip(bytes: Buffer): SniffResult {
  const names = zipEntryNames(bytes);
  if (!names?.includes('[Content_Types].xml')) return refused('unknown');
  const word = names.includes('word/document.xml');
  const excel = names.includes('xl/workbook.xml');
  if (word === excel) return refused('unknown');
  if (names.some((n) => /^(word|xl)\/vbaProject\.bin$/i.test(n))) return refused('macros');
  return found(word ? 'docx' : 'xlsx');
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;

/** The names of the streams and storages directly under an OLE2 file's root, or null when its structure cannot be read. */
export function compoundFileRootNames(bytes: Buffer): string[] | null {
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectors = Math.floor((bytes.length - size) / size);
  const at = (sector: number) => (sector + 1) * size;
  const perSector = size / 4;

  // The FAT's own sectors: the first 109 in the header, the rest along the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = bytes.readUInt32LE(0x4c + i * 4);
    if (s === FREE) break;
    fatSectors.push(s);
  }
  let difat = bytes.readUInt32LE(0x44);
  for (let hops = 0; difat !== END_OF_CHAIN && difat !== FREE; hops++) {
    if (difat >= sectors || hops > sectors) return null;
    for (let i = 0; i < perSector - 1; i++) {
      const s = bytes.readUInt32LE(at(difat) + i * 4);
      if (s !== FREE) fatSectors.push(s);
    }
    difat = bytes.readUInt32LE(at(difat) + (perSector - 1) * 4);
  }
  const next = (sector: number): number | null => {
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined || fat >= sectors) return null;
    return bytes.readUInt32LE(at(fat) + (sector % perSector) * 4);
  };

  // The directory: 128-byte entries along its sector chain.
  const entries: { name: string; left: number; right: number; child: number }[] = [];
  let sector = bytes.readUInt32LE(0x30);
  for (let hops = 0; sector !== END_OF_CHAIN; hops++) {
    if (sector >= sectors || hops > sectors) return null;
    for (let e = 0; e < size / 128; e++) {
      const base = at(sector) + e * 128;
      const nameBytes = Math.min(bytes.readUInt16LE(base + 64), 64);
      entries.push({
        name: bytes.toString('utf16le', base, base + Math.max(0, nameBytes - 2)),
        left: bytes.readUInt32LE(base + 68),
        right: bytes.readUInt32LE(base + 72),
        child: bytes.readUInt32LE(base + 76),
      });
    }
    const following = next(sector);
    if (following === null) return null;
    sector = following;
  }
  if (entries.length === 0) return null;

  // The root's children form a tree through their left and right siblings.
  const names: string[] = [];
  const seen = new Set<number>();
  const stack = [entries[0].child];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id === NO_STREAM || seen.has(id)) continue;
    const entry = entries[id];
    if (!entry) return null;
    seen.add(id);
    names.push(entry.name);
    stack.push(entry.left, entry.right);
  }
  return names;
}

function sniffCompoundFile(bytes: Buffer): SniffResult {
  const names = compoundFileRootNames(bytes);
  if (!names) return refused('unknown');
  // A password-protected .docx / .xlsx is an OLE2 file holding the encrypted package.
  if (names.includes('EncryptedPackage')) return refused('encrypted');
  if (names.includes('Macros') || names.includes('_VBA_PROJECT_CUR')) return refused('macros');
  if (names.includes('WordDocument')) return found('doc');
  if (names.includes('Workbook') || names.includes('Book')) return found('xls');
  return refused('unknown');
}
