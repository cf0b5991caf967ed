import JSZip from 'jszip';
import { compoundFile } from './compound-file.testing';
import { FIXTURES } from './file-fixtures.testing';
import { compoundFileRootNames, extensionContradicts, extensionOf, sniffFile } from './file-sniffing';

describe('sniffFile: the type is read from the bytes', () => {
  it.each([
    ['pdf', 'application/pdf'],
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['doc', 'application/msword'],
    ['xls', 'application/vnd.ms-excel'],
  ] as const)('knows %s', (format, mediaType) => {
    expect(sniffFile(FIXTURES[format]())).toEqual({ ok: true, format, mediaType });
  });

  it('knows a Word .docx and an Excel .xlsx as written by real libraries', async () => {
    expect(sniffFile(await FIXTURES.docx())).toMatchObject({ ok: true, format: 'docx' });
    expect(sniffFile(await FIXTURES.xlsx())).toMatchObject({ ok: true, format: 'xlsx' });
  });

  it('refuses an executable, text, an empty file and an ordinary zip', async () => {
    expect(sniffFile(FIXTURES.exe())).toEqual({ ok: false, reason: 'unknown' });
    expect(sniffFile(Buffer.from('hello, 你好'))).toEqual({ ok: false, reason: 'unknown' });
    expect(sniffFile(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
    const zip = new JSZip();
    zip.file('readme.txt', 'not an office file');
    expect(sniffFile(await zip.generateAsync({ type: 'nodebuffer' }))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses an executable that carries %PDF- a few bytes in', () => {
    expect(sniffFile(Buffer.concat([Buffer.from('MZ\0\0%PDF-1.4\n'), Buffer.alloc(100)]))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses a macro-enabled workbook renamed .xlsx, and macros in an old .doc', async () => {
    const zip = await JSZip.loadAsync(await FIXTURES.xlsx());
    zip.file('xl/vbaProject.bin', Buffer.alloc(16));
    expect(sniffFile(await zip.generateAsync({ type: 'nodebuffer' }))).toEqual({ ok: false, reason: 'macros' });
    expect(sniffFile(compoundFile([{ name: 'WordDocument' }, { name: 'Macros', children: [{ name: 'VBA' }] }]))).toEqual({
      ok: false,
      reason: 'macros',
    });
  });

  it('refuses a password-protected .docx (an OLE2 file holding the encrypted package)', () => {
    expect(sniffFile(compoundFile([{ name: 'EncryptionInfo' }, { name: 'EncryptedPackage' }]))).toEqual({ ok: false, reason: 'encrypted' });
  });

  it('reads only the root storage: an .xls embedding a Word object is still an .xls', () => {
    const xls = compoundFile([
      { name: 'Workbook' },
      { name: 'MBD0001', children: [{ name: 'WordDocument' }, { name: '1Table' }] },
      { name: 'a' },
      { name: 'b' },
      { name: 'c' },
    ]);
    expect(compoundFileRootNames(xls)).toEqual(expect.arrayContaining(['Workbook', 'MBD0001', 'a', 'b', 'c']));
    expect(compoundFileRootNames(xls)).not.toContain('WordDocument');
    expect(sniffFile(xls)).toMatchObject({ ok: true, format: 'xls' });
  });

  it('refuses an OLE2 file whose directory points outside it', () => {
    const broken = FIXTURES.doc();
    broken.writeUInt32LE(9999, 0x30);
    expect(sniffFile(broken)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('extensions', () => {
  it('reads the extension, lower-cased', () => {
    expect(extensionOf('投资协议.PDF')).toBe('pdf');
    expect(extensionOf('纪要')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });

  it('a name contradicts the bytes only when it carries another extension', () => {
    expect(extensionContradicts('report.pdf', 'pdf')).toBe(false);
    expect(extensionContradicts('photo.JPG', 'jpeg')).toBe(false);
    expect(extensionContradicts('scan', 'png')).toBe(false);
    expect(extensionContradicts('report.pdf', 'docx')).toBe(true);
    expect(extensionContradicts('book.xls', 'doc')).toBe(true);
  });
});
