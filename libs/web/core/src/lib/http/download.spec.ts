import { fileNameFrom } from './download';

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name the API sends for Chinese file names', () => {
    const header = `attachment; filename="projects.xlsx"; filename*=UTF-8''${encodeURIComponent('招商项目.xlsx')}`;
    expect(fileNameFrom(header, 'x.xlsx')).toBe('招商项目.xlsx');
  });

  it('falls back to the plain name, then to the default', () => {
    expect(fileNameFrom('attachment; filename="key-projects.xlsx"', 'x.xlsx')).toBe('key-projects.xlsx');
    expect(fileNameFrom(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
