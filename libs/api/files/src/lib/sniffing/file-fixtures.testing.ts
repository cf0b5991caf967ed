import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { compoundFile } from './compound-file.testing';

/** For tests: small real files of every accepted kind, and some that are not. */
export const FIXTURES = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  png: () =>
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  jpeg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])]),
  doc: () => compoundFile([{ name: 'WordDocument' }, { name: '1Table' }, { name: '\u0005SummaryInformation' }]),
  xls: () => compoundFile([{ name: 'Workbook' }, { name: '\u0005SummaryInformation' }]),
  /** A Windows executable: what a renamed "report.pdf" might really be. */
  exe: () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('This program cannot be run in DOS mode.')]),
  docx: async (text = '格尔木市招商引资协议') => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] })),
  xlsx: async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账').addRow(['项目', '金额']);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  },
};
