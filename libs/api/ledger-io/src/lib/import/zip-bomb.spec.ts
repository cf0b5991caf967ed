import { deflateRawSync, createDeflateRaw } from 'node:zlib';
import { HttpException } from '@nestjs/common';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';
import { readLedgerSheet } from './sheet-reader';

/** Issue 18 item 3: a zip bomb sent to the ledger import is refused (413) before anything unpacks it. */
interface Part {
  name: string;
  data: Buffer;
  /** The unpacked size the headers declare (a forged one lies). */
  declared: number;
  method?: 0 | 8;
}

/** A zip written by hand, so its headers can say what a hostile sender wants. */
function zip(parts: Part[]): Buffer {
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
async function deflatedZeros(megabytes: number): Promise<Buffer> {
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

const workbookXml = { name: 'xl/workbook.xml', data: deflateRawSync(Buffer.from('<workbook/>')), declared: 11 };

describe('ledger import: zip bombs', () => {
  let w: LedgerWorld;
  beforeAll(async () => {
    w = await createLedgerWorld();
  });
  afterAll(() => w.close());

  for (const megabytes of [200, 2048]) {
    it(`refuses ${megabytes} MB of zeros declared as 1 KB with 413, the API growing by less than 50 MB`, async () => {
      const bomb = zip([workbookXml, { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(megabytes), declared: 1024 }]);
      (global as { gc?: () => void }).gc?.();
      const before = process.memoryUsage.rss();
      const res = await postAs(w, w.office, '/api/ledger/imports/enterprises').attach('file', bomb, '企业.xlsx');
      const growth = (process.memoryUsage.rss() - before) / 1024 / 1024;
      expect(res.status).toBe(413);
      expect(res.body.message).toContain('解压后超过');
      expect(growth).toBeLessThan(50);
      const [{ n }] = await w.t.dataSource.query(`SELECT count(*)::integer AS n FROM import_batch`);
      expect(n).toBe(0);
    });
  }
});

describe('the worker reading a queued ledger: zip bombs', () => {
  it('refuses a forged bomb (2 GB of zeros declared as 1 KB) with 413 before loading it, growing by less than 50 MB', async () => {
    // What the ledger import job runs on a queued file's bytes (ledger-preview.service → readLedgerSheet).
    const bomb = zip([workbookXml, { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(2048), declared: 1024 }]);
    (global as { gc?: () => void }).gc?.();
    const before = process.memoryUsage.rss();
    const error = await readLedgerSheet(bomb, () => true).then(
      () => null,
      (e: unknown) => e,
    );
    const growth = (process.memoryUsage.rss() - before) / 1024 / 1024;
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(413);
    expect(growth).toBeLessThan(50);
  });
});
