import { deflatedZeros, HOSTILE_ZIP_WORKBOOK, hostileZip } from '@crm/api/core';
import { HttpException } from '@nestjs/common';
import { createLedgerWorld, postAs, type LedgerWorld } from '../../test/ledger-world';
import { readLedgerSheet } from './sheet-reader';

/** Issue 18 item 3: a zip bomb sent to the ledger import is refused (413) before anything unpacks it. */
const zip = hostileZip;
const workbookXml = HOSTILE_ZIP_WORKBOOK;

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
