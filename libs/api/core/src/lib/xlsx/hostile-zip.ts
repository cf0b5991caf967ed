import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/*
 * For tests: zip files written by hand, so their headers can say what a hostile sender wants (a
 * zip bomb, a forged size). Used by the xlsx check's own test and by the ledger import's.
 */

export interface HostileZipPart {
  name: string;
  data: Buffer;
  /** The unpacked size the headers declare (a forged one lies). */
  declared: number;
  method?: 0 | 8;
}

/** A zip of these parts, its local and central headers declaring each part's `declared` size. */
export function hostileZip(parts: HostileZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.method ?? 8, 8);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.method ?? 8, 10);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `megabytes` of zeros deflated as one stream, without ever holding them: about 1 KB per MB. */
export async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(out);
}

/** A workbook part small and honest, beside the hostile one. */
export const HOSTILE_ZIP_WORKBOOK: HostileZipPart = { name: 'xl/workbook.xml', data: deflateRawSync(Buffer.from('<workbook/>')), declared: 11 };
