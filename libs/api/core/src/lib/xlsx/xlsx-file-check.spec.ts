import { deflateRawSync } from 'node:zlib';
import { HttpException } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { randomBytes } from 'node:crypto';
import { deflatedZeros, HOSTILE_ZIP_WORKBOOK, hostileZip } from './hostile-zip';
import { checkXlsxBytes, FILE_PROBLEMS, inflatedSize, refuseFile } from './xlsx-file-check';

const zip = hostileZip;
const workbookXml = HOSTILE_ZIP_WORKBOOK;

/** RSS growth (MB) while `check` runs, sampled after it returns with the garbage collector given a chance. */
function rssGrowth(check: () => void): number {
  (global as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  check();
  return (process.memoryUsage.rss() - before) / 1024 / 1024;
}

describe('checkXlsxBytes: the .xlsx check counts what really unpacks', () => {
  it('accepts a real workbook', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['项目名称', '企业名称', '总投资（万元）']);
    for (let i = 0; i < 3000; i++) sheet.addRow([`项目${i}`, `企业${i % 97}`, 1000 + i]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(checkXlsxBytes(bytes)).toBeNull();
  });

  it('refuses a forged zip bomb whose headers declare 1 KB for 2 GB, without the memory growing', async () => {
    const bomb = zip([workbookXml, { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(2048), declared: 1024 }]);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    let problem: unknown;
    const growth = rssGrowth(() => (problem = checkXlsxBytes(bomb)));
    expect(problem).toBe(FILE_PROBLEMS['too-large-unpacked']);
    expect(growth).toBeLessThan(50);
  });

  it('refuses a truthfully declared part with a bomb-like ratio (60 MB of zeros in 60 KB)', async () => {
    const data = await deflatedZeros(60);
    const bomb = zip([workbookXml, { name: 'xl/worksheets/sheet1.xml', data, declared: 60 * 1024 * 1024 }]);
    let problem: unknown;
    const growth = rssGrowth(() => (problem = checkXlsxBytes(bomb)));
    expect(problem).toBe(FILE_PROBLEMS['too-large-unpacked']);
    expect(growth).toBeLessThan(50);
  });

  it('refuses many parts that together unpack past the limit, and too many parts', async () => {
    // Each part is small and not suspicious alone (3 MB at a modest ratio); together 150 MB.
    const text = Buffer.from(Array.from({ length: 3 * 1024 * 64 }, (_, i) => `<c r="A${i}"><v>${(i * 7919) % 100003}</v></c>`).join('').slice(0, 3 * 1024 * 1024));
    const packed = deflateRawSync(text);
    const parts = Array.from({ length: 50 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: packed, declared: 10 }));
    expect(checkXlsxBytes(zip([workbookXml, ...parts]))).toBe(FILE_PROBLEMS['too-large-unpacked']);

    const tiny = deflateRawSync(Buffer.from('<x/>'));
    const many = Array.from({ length: 2500 }, (_, i) => ({ name: `xl/media/p${i}.xml`, data: tiny, declared: 4 }));
    expect(checkXlsxBytes(zip([workbookXml, ...many]))).toBe(FILE_PROBLEMS['too-large-unpacked']);
  });

  it('counts exactly what zlib unpacks: stored, fixed and dynamic blocks, text and noise', () => {
    const xml = Buffer.from(Array.from({ length: 300_000 }, (_, i) => `<c r="B${i}" t="s"><v>${(i * 31) % 5000}</v></c>`).join(''));
    const samples = [Buffer.from('a'), Buffer.alloc(0), xml, randomBytes(300_000), Buffer.concat([xml.subarray(0, 70_000), randomBytes(70_000)])];
    for (const sample of samples) {
      for (const level of [0, 1, 6, 9]) {
        expect(inflatedSize(deflateRawSync(sample, { level }), Number.MAX_SAFE_INTEGER)).toBe(sample.length);
      }
    }
    // Several streams' worth in one part (speed is the benchmark's business, not this test's).
    const big = deflateRawSync(Buffer.concat(Array(4).fill(xml)));
    expect(inflatedSize(big, Number.MAX_SAFE_INTEGER)).toBe(xml.length * 4);
  });

  it('refuses a damaged part and an unknown packing', () => {
    const broken = zip([workbookXml, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('not deflate at all, really not'), declared: 10 }]);
    expect(checkXlsxBytes(broken)).toBe(FILE_PROBLEMS.corrupt);
    const odd = zip([workbookXml, { name: 'xl/styles.xml', data: Buffer.from('x'), declared: 1, method: 9 as 8 }]);
    expect(checkXlsxBytes(odd)).toBe(FILE_PROBLEMS.corrupt);
  });

  it('answers 413 with a Chinese and English message for a workbook that unpacks too far', () => {
    let thrown: unknown;
    try {
      refuseFile(FILE_PROBLEMS['too-large-unpacked']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpException);
    expect((thrown as HttpException).getStatus()).toBe(413);
    expect(((thrown as HttpException).getResponse() as { message: string }).message).toMatch(/解压后超过.* \/ The workbook unpacks/);
  });
});
