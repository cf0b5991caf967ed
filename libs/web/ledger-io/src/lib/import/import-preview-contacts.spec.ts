import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ImportContactPlan } from '@crm/domain';
import type { ImportBatchView, ImportRowView } from '../data-access/ledger.types';
import { ImportPreview } from './import-preview';

const text = (element: Element | null | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

const batch: ImportBatchView = {
  id: '0b6f3c1e-1111-4222-8333-444455556666',
  kind: 'projects',
  status: 'previewed',
  fileName: '重点项目.xlsx',
  sheetName: '重点项目',
  headerRow: 1,
  columns: [],
  notices: [],
  failure: null,
  committing: false,
  commitProgress: null,
  totalRows: 4,
  processedRows: 4,
  counts: { create: 2, update: 2, skip: 0, error: 0 },
  createdBy: 'u1',
  createdAt: '2025-06-01T00:00:00.000Z',
  committedAt: null,
};

const plan = (action: ImportContactPlan['action'], name: string, mobileMasked: string | null, landline: string | null = null): ImportContactPlan => ({
  action,
  name,
  contactId: action === 'create' || action === 'notes' ? null : 'c-1',
  mobileMasked,
  landline,
});

const rows: ImportRowView[] = [
  { row: 2, action: 'create', targetId: null, data: { name: '储能一期', contact: plan('create', '张伟', '139****5678') }, changes: null, errors: [] },
  {
    row: 3,
    action: 'update',
    targetId: 'p-2',
    data: { name: '储能二期', contact: plan('update', '张伟', '138****1111') },
    changes: { before: { contact: '张伟' }, after: { contact: '张伟' } },
    errors: [],
  },
  {
    row: 4,
    action: 'update',
    targetId: 'p-3',
    data: { name: '储能三期', contact: plan('link', '王芳', null, '0979-8412345') },
    changes: { before: { contact: null }, after: { contact: '王芳' } },
    errors: [],
  },
  { row: 5, action: 'create', targetId: null, data: { name: '光伏项目', contact: plan('notes', '李四', null) }, changes: null, errors: [] },
];

/** The preview says what each row does to its firm's 联系人, the mobile masked. */
describe('ImportPreview: contacts', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  it('names the contact created, updated, linked or kept on the 备注, and lists 联系人 among the changes', async () => {
    const fixture = TestBed.createComponent(ImportPreview);
    fixture.componentRef.setInput('batch', batch);
    fixture.componentRef.setInput('firstRows', rows);
    fixture.detectChanges();
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const line = (row: number) => text(page.querySelector(`tr[data-row="${row}"] .contact-line`));
    expect(line(2)).toBe('联系人：新建“张伟”（139****5678）');
    expect(line(3)).toBe('联系人：“张伟”已在企业联系人中，电话更新为138****1111');
    expect(line(4)).toBe('联系人：“王芳”已在企业联系人中，关联到本项目');
    expect(line(5)).toBe('联系人：投资方不在企业库，“李四”记入项目备注');
    expect(text(page.querySelector('tr[data-row="4"] .details'))).toContain('将更新：联系人');
  });
});
