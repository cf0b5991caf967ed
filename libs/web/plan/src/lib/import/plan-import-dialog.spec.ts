import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  DeleteOutline,
  DownloadOutline,
  EditOutline,
  PlusOutline,
  UploadOutline,
} from '@ant-design/icons-angular/icons';
import type { AnnualPlanSummary, AnnualPlanView, PlanImportPreview, Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { PlanEditorPage } from '../editor/plan-editor-page';
import { PlanListPage } from '../list/plan-list-page';
import { UNITS, chains, plan, settle, signIn, text, type } from '../testing/plan-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function preview(overrides: Partial<PlanImportPreview> = {}): PlanImportPreview {
  return {
    id: '5d0f6a4e-9a51-4f7e-8f1c-0c4a3b2d1e00',
    year: 2026,
    fileName: '2026年度招商引资工作方案.xlsx',
    createsPlan: false,
    needsReason: false,
    differences: [
      { area: 'target', subject: 'clean-energy', field: 'signedAmount', before: '1400000+', after: '1500000+' },
      { area: 'key-task', subject: 'metallurgy#2', field: 'text', before: null, after: '推进镁基合金项目落地' },
    ],
    problems: [],
    status: 'previewed',
    ...overrides,
  };
}

describe('PlanImportDialog', () => {
  let backend: HttpTestingController;
  const messages = { success: jest.fn(), error: jest.fn() };

  beforeEach(() => {
    localStorage.clear();
    Object.values(messages).forEach((m) => m.mockReset());
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'plan', component: PlanListPage },
          { path: 'plan/:year', component: PlanEditorPage },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([DeleteOutline, DownloadOutline, EditOutline, PlusOutline, UploadOutline]),
        { provide: NzMessageService, useValue: messages },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  async function openEditor(roles: Role[], answer: AnnualPlanView = plan()) {
    await signIn(backend, roles);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/plan/${answer.year}`);
    backend.expectOne('/api/chains').flush(chains());
    if (roles.includes('office')) backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne(`/api/plans/${answer.year}`).flush(answer);
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    const stable = async () => {
      await harness.fixture.whenStable();
      await settle();
      await harness.fixture.whenStable();
    };
    return { harness, page, stable };
  }

  const modal = () => document.querySelector('.plan-import-modal .ant-modal') as HTMLElement;
  const button = (selector: string) => document.querySelector<HTMLButtonElement>(`.plan-import-modal ${selector}`);
  const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => text(td));

  /** Chooses a file in the dialog's file input, as the browser does. */
  function choose(name = '2026年度招商引资工作方案.xlsx'): File {
    const input = document.querySelector<HTMLInputElement>('#plan-import-file');
    if (!input) throw new Error('no file input');
    const file = new File(['PK'], name, { type: XLSX });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    return file;
  }

  it('downloads the year’s workbook for every reader, who has no import', async () => {
    const created = jest.fn(() => 'blob:plan');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { page, stable } = await openEditor(['leader']);
    expect(page.querySelector('button.import-excel')).toBeNull();
    page.querySelector<HTMLButtonElement>('button.export-excel')?.click();
    const request = backend.expectOne('/api/plans/2026/workbook');
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['xlsx'], { type: XLSX }), {
      headers: {
        'Content-Disposition': `attachment; filename="plan-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('2026年度招商引资工作方案.xlsx')}`,
      },
    });
    await stable();
    expect(created).toHaveBeenCalledTimes(1);
    const link = clicked.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(link.download).toBe('2026年度招商引资工作方案.xlsx');
    clicked.mockRestore();
  });

  it('shows the office what the workbook changes, in words, and imports it on 确认导入', async () => {
    const { page, stable } = await openEditor(['office']);
    page.querySelector<HTMLButtonElement>('button.import-excel')?.click();
    await stable();
    expect(text(modal().querySelector('.ant-modal-title'))).toBe('从Excel导入2026年度工作方案');
    expect(button('button.confirm-import')).toBeNull();
    const file = choose();
    const upload = backend.expectOne('/api/plans/2026/imports');
    expect(upload.request.method).toBe('POST');
    expect((upload.request.body as FormData).get('file')).toEqual(file);
    upload.flush(preview(), { status: 201, statusText: 'Created' });
    await stable();

    expect(text(modal().querySelector('.import-file-name'))).toBe('文件：2026年度招商引资工作方案.xlsx');
    expect(text(modal().querySelector('.import-count'))).toBe('导入后2026年度方案共有2处变化：');
    expect([...modal().querySelectorAll('th')].map((th) => text(th))).toEqual(['类别', '对象', '内容', '现行方案', '导入后']);
    expect([...modal().querySelectorAll('tr.difference')].map(cells)).toEqual([
      ['产业链目标', '清洁能源产业链', '签约金额', '140亿元以上', '150亿元以上'],
      ['重点任务', '冶金建材产业链第2项', '任务内容', '—', '推进镁基合金项目落地'],
    ]);
    // A draft asks no reason.
    expect(document.querySelector('#import-reason')).toBeNull();
    expect(button('button.confirm-import')?.disabled).toBe(false);

    button('button.confirm-import')?.click();
    const commit = backend.expectOne('/api/plans/imports/5d0f6a4e-9a51-4f7e-8f1c-0c4a3b2d1e00/commit');
    expect(commit.request.method).toBe('POST');
    expect(commit.request.body).toEqual({});
    const imported = plan({ version: 4 });
    imported.targets[0] = { ...imported.targets[0], signedAmount: '1500000.000000' };
    commit.flush(imported);
    await stable();
    expect(messages.success).toHaveBeenCalledWith('已导入2026年度工作方案');
    expect(modal()?.offsetParent ?? null).toBeNull();
    expect(text(page.querySelector('tr[data-chain="clean-energy"]'))).toContain('150亿元以上');
    expect(text(page.querySelector('.page-subtitle'))).toContain('第4版');
  });

  it('lists the workbook’s problems by sheet, row and column, and offers no import', async () => {
    const { page, stable } = await openEditor(['office']);
    page.querySelector<HTMLButtonElement>('button.import-excel')?.click();
    await stable();
    choose();
    backend.expectOne('/api/plans/2026/imports').flush(
      preview({
        differences: [],
        problems: [
          { sheet: '工作目标', row: 4, column: '签约金额（万元）', message: '金额不能为负数 / The amount cannot be negative' },
          { sheet: '重点任务', row: null, column: null, message: '缺少列：责任单位 / Missing columns: 责任单位' },
        ],
      }),
      { status: 201, statusText: 'Created' },
    );
    await stable();
    expect(text(modal().querySelector('.import-problems-alert'))).toContain('工作簿中有2处问题，请修改后重新上传');
    expect([...modal().querySelectorAll('.import-problems th')].map((th) => text(th))).toEqual(['工作表', '行', '列', '问题']);
    expect([...modal().querySelectorAll('tr.sheet-problem')].map(cells)).toEqual([
      ['工作目标', '4', '签约金额（万元）', '金额不能为负数'],
      ['重点任务', '—', '—', '缺少列：责任单位'],
    ]);
    expect(button('button.confirm-import')).toBeNull();

    // Choosing another file starts again.
    button('button.choose-again')?.click();
    await stable();
    expect(document.querySelector('#plan-import-file')).not.toBeNull();
    expect(modal().querySelector('.import-problems')).toBeNull();
  });

  it('asks a published plan’s 修改原因 before importing, and sends it', async () => {
    const published = plan({ status: 'published', publishedAt: '2026-01-05T03:00:00.000Z', version: 4, problems: [] });
    const { page, stable } = await openEditor(['office'], published);
    page.querySelector<HTMLButtonElement>('button.import-excel')?.click();
    await stable();
    choose();
    backend.expectOne('/api/plans/2026/imports').flush(preview({ needsReason: true }), { status: 201, statusText: 'Created' });
    await stable();
    expect(text(modal().querySelector('.reason-alert'))).toContain('本年度方案已发布，修改将记入审计日志');
    expect(button('button.confirm-import')?.disabled).toBe(true);

    type(document, '#import-reason', '市政府常务会议调整清洁能源目标');
    await stable();
    expect(button('button.confirm-import')?.disabled).toBe(false);
    button('button.confirm-import')?.click();
    const commit = backend.expectOne('/api/plans/imports/5d0f6a4e-9a51-4f7e-8f1c-0c4a3b2d1e00/commit');
    expect(commit.request.body).toEqual({ reason: '市政府常务会议调整清洁能源目标' });
    // The API's refusal naming the reason is shown under it; the dialog stays.
    commit.flush(
      { statusCode: 422, message: '请填写修改原因 / Give the reason', errors: { reason: ['已发布的方案修改须填写原因 / A published plan needs a reason'] } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable();
    expect(text(modal().querySelector('.reason-error'))).toBe('已发布的方案修改须填写原因');

    button('button.confirm-import')?.click();
    backend
      .expectOne('/api/plans/imports/5d0f6a4e-9a51-4f7e-8f1c-0c4a3b2d1e00/commit')
      .flush({ ...published, version: 5 });
    await stable();
    expect(messages.success).toHaveBeenCalledWith('已导入2026年度工作方案');
    expect(text(page.querySelector('.page-subtitle'))).toBe('2026-01-05 发布 · 第5版');
  });

  it('says when the plan changed since the preview, and offers a new upload only', async () => {
    const { page, stable } = await openEditor(['office']);
    page.querySelector<HTMLButtonElement>('button.import-excel')?.click();
    await stable();
    choose();
    backend.expectOne('/api/plans/2026/imports').flush(preview(), { status: 201, statusText: 'Created' });
    await stable();
    button('button.confirm-import')?.click();
    backend
      .expectOne('/api/plans/imports/5d0f6a4e-9a51-4f7e-8f1c-0c4a3b2d1e00/commit')
      .flush(
        { statusCode: 409, message: '预览之后工作方案已被修改，请重新上传以查看最新差异 / The plan changed after this preview; upload the file again' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable();
    expect(text(modal().querySelector('.commit-error'))).toContain('预览之后工作方案已被修改，请重新上传以查看最新差异');
    expect(button('button.confirm-import')?.disabled).toBe(true);
    expect(button('button.choose-again')).not.toBeNull();
    expect(messages.success).not.toHaveBeenCalled();
  });

  it('lets the office import a workbook for a year without a plan from the list, created as a draft', async () => {
    await signIn(backend, ['office']);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/plan');
    const summaries: AnnualPlanSummary[] = [{ year: 2026, status: 'published', publishedAt: '2026-01-05T03:00:00.000Z', version: 4 }];
    backend.expectOne('/api/plans').flush(summaries);
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    const stable = async () => {
      await harness.fixture.whenStable();
      await settle();
      await harness.fixture.whenStable();
    };
    page.querySelector<HTMLButtonElement>('button.import-excel')?.click();
    await stable();
    // Next year is proposed; the office may type another.
    expect(document.querySelector<HTMLInputElement>('#import-year')?.value).toBe('2027');
    type(document, '#import-year', '20');
    await stable();
    expect(button('button.choose-file')?.disabled).toBe(true);
    expect(text(modal().querySelector('.ant-modal-title'))).toBe('从Excel导入年度工作方案');
    type(document, '#import-year', '2028');
    await stable();
    choose('2028年度招商引资工作方案.xlsx');
    backend.expectOne('/api/plans/2028/imports').flush(
      preview({
        year: 2028,
        fileName: '2028年度招商引资工作方案.xlsx',
        createsPlan: true,
        differences: [{ area: 'city', subject: 'city', field: 'citySignedAmount', before: null, after: '2400000+' }],
      }),
      { status: 201, statusText: 'Created' },
    );
    // The chains name the lines (asked once the preview is on its way).
    backend.expectOne('/api/chains').flush(chains());
    await stable();
    expect(text(modal().querySelector('.creates-plan'))).toBe('2028年尚无年度工作方案，确认导入后将按工作簿新建为草稿。');
    expect([...modal().querySelectorAll('tr.difference')].map(cells)).toEqual([['全市目标', '全市', '签约金额', '—', '240亿元以上']]);

    button('button.confirm-import')?.click();
    backend
      .expectOne('/api/plans/imports/5d0f6a4e-9a51-4f7e-8f1c-0c4a3b2d1e00/commit')
      .flush(plan({ year: 2028, draftedFrom: null, version: 1 }));
    await stable();
    expect(messages.success).toHaveBeenCalledWith('已导入2028年度工作方案');
    expect(TestBed.inject(Router).url).toBe('/plan/2028');
    // The editor opens on the new draft (the chains were asked already).
    backend.expectOne('/api/units').flush(UNITS);
    backend.expectOne('/api/plans/2028').flush(plan({ year: 2028, draftedFrom: null, version: 1 }));
    await stable();
    expect(text(page.ownerDocument.querySelector('h1'))).toBe('2028年度工作方案');
  });
});
