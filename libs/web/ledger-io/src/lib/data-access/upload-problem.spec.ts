import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { I18nService } from '@crm/web/core';
import { localFileProblem, uploadProblem } from './upload-problem';

describe('upload problems', () => {
  let i18n: I18nService;
  beforeEach(() => {
    localStorage.clear();
    i18n = TestBed.inject(I18nService);
  });

  const refused = (body: object, status = 400) => new HttpErrorResponse({ status, error: body });

  it('opens the mapping step for headers that differ, with the sheet headers', () => {
    const problem = uploadProblem(
      refused({ message: '缺少必填列：项目阶段。请修改表头 / Required columns are missing', code: 'columns', headers: ['项目', '', '环节'] }),
      i18n,
    );
    expect(problem).toEqual({ kind: 'mapping', message: '缺少必填列：项目阶段。请修改表头', headers: ['项目', '环节'] });
  });

  it.each([
    ['encrypted-or-xls', '工作簿设置了打开密码，或是旧版 .xls 格式 / The workbook is password-protected'],
    ['merged-cells', '表格中有合并单元格（B2:B3） / The table has merged cells'],
    ['empty-sheet', '工作表是空的，没有可导入的行 / The sheet is empty'],
  ])('shows a bad file (%s) in the API’s words, in the interface language', async (code, message) => {
    const problem = uploadProblem(refused({ message, code }), i18n);
    expect(problem).toEqual({ kind: 'file', message: message.split(' / ')[0], code });
    await i18n.use('en');
    expect(uploadProblem(refused({ message, code }), i18n).message).toBe(message.split(' / ')[1]);
  });

  it('refuses a file over 20 MB before sending it', () => {
    const big = { size: 21 * 1024 * 1024, name: 'big.xlsx' } as File;
    expect(localFileProblem(big, i18n)).toBe('文件超过 20 MB，请拆分后分批导入。');
    expect(localFileProblem({ size: 100, name: 'a.xlsx' } as File, i18n)).toBeNull();
  });
});
