import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DownloadOutline, InboxOutline, LoadingOutline } from '@ant-design/icons-angular/icons';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import type { ImportBatchView, ImportPreview as Preview, ImportRowView } from '../data-access/ledger.types';
import { LedgerImportPage, POLL_MS } from './ledger-import-page';

/** With fake timers, whenStable would wait for a timer that never runs: render at once instead. */
const settle = (fixture: { detectChanges(): void }) => fixture.detectChanges();

const text = (element: Element | null | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

function batch(change: Partial<ImportBatchView> = {}): ImportBatchView {
  return {
    id: '0b6f3c1e-1111-4222-8333-444455556666',
    kind: 'projects',
    status: 'previewed',
    fileName: '重点项目.xlsx',
    sheetName: '重点项目',
    headerRow: 1,
    columns: [
      { column: 'A', header: '项目名称', field: 'name', unit: null },
      { column: 'B', header: '所属产业链', field: 'chain', unit: null },
    ],
    notices: [],
    failure: null,
    committing: false,
    commitProgress: null,
    totalRows: 3,
    processedRows: 3,
    counts: { create: 1, update: 1, skip: 0, error: 1 },
    createdBy: 'u1',
    createdAt: '2025-06-01T00:00:00.000Z',
    committedAt: null,
    ...change,
  };
}

const rows: ImportRowView[] = [
  { row: 2, action: 'create', targetId: null, data: { name: '光伏组件项目' }, changes: null, errors: [] },
  {
    row: 3,
    action: 'update',
    targetId: 'p-1',
    data: { name: '风电叶片项目' },
    changes: { before: { stage: 'lead' }, after: { stage: 'negotiation', plannedInvestment: '10000' } },
    errors: [],
  },
  {
    row: 4,
    action: 'error',
    targetId: null,
    data: {},
    changes: null,
    errors: [{ column: 'B', header: '所属产业链', zh: '产业链“新材料产业链”不存在', en: 'Unknown chain' }],
  },
];

describe('LedgerImportPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideNzIcons([DownloadOutline, InboxOutline, LoadingOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(LedgerImportPage);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement, page: fixture.componentInstance };
  }

  const file = () => new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], '重点项目.xlsx');

  it('uploads the file, shows every row with what it will do and each error by row and column, and commits', async () => {
    const { fixture, element, page } = await render();
    expect(text(element.querySelector('.drop-hint'))).toContain('不超过 20 MB');
    page.selectFile(file());
    const upload = backend.expectOne('/api/ledger/imports/projects');
    expect(upload.request.method).toBe('POST');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    expect((upload.request.body as FormData).get('columns')).toBeNull();
    upload.flush({ batch: batch(), rows } satisfies Preview, { status: 201, statusText: 'Created' });
    await fixture.whenStable();

    expect(text(element.querySelector('[data-count="create"]'))).toBe('新增 1');
    expect(text(element.querySelector('[data-count="error"]'))).toBe('有误 1');
    expect(text(element.querySelector('tr[data-row="2"]'))).toContain('将新建');
    expect(text(element.querySelector('tr[data-row="3"]'))).toContain('将更新：项目阶段、计划总投资');
    expect(text(element.querySelector('tr[data-row="4"]'))).toContain('第4行 B列“所属产业链”：产业链“新材料产业链”不存在');

    // Only the rows in error
    const onlyErrors = [...element.querySelectorAll('label[nz-radio-button]')].find((l) => text(l).startsWith('仅看有误')) as HTMLElement;
    onlyErrors.click();
    await fixture.whenStable();
    const errorsPage = backend.expectOne((r) => r.url.endsWith(`/imports/${batch().id}`) && r.params.get('errors') === 'true');
    expect(errorsPage.request.params.get('limit')).toBe('50');
    errorsPage.flush({ batch: batch(), rows: [rows[2]] });
    await fixture.whenStable();
    expect(element.querySelectorAll('tbody tr[data-row]').length).toBe(1);

    const commit = [...element.querySelectorAll('button')].find((b) => text(b).startsWith('确认导入')) as HTMLButtonElement;
    expect(text(commit)).toBe('确认导入（新增 1 条，更新 1 条）');
    commit.click();
    backend
      .expectOne(`/api/ledger/imports/${batch().id}/commit`)
      .flush(batch({ status: 'committed', committedAt: '2025-06-01T00:01:00.000Z' }));
    await fixture.whenStable();
    expect(text(element.querySelector('nz-result'))).toContain('导入完成');
    expect(text(element.querySelector('nz-result'))).toContain('新增 1 条，更新 1 条，跳过 0 条；有误未导入 1 行');
  });

  it('when new rows name no owner, offers the staff who may own them per chain, says who gets which rows, and commits with the chosen default owners', async () => {
    const { fixture, element, page } = await render();
    const ownerNotice = {
      zh: '以下新项目未填写项目负责人：新能源产业链（第2行）。确认导入时请为其产业链选择默认负责人（该链责任单位的专班人员）',
      en: '1 new project(s) name no owner',
    };
    page.selectFile(file());
    backend.expectOne('/api/ledger/imports/projects').flush({ batch: batch({ notices: [ownerNotice] }), rows });
    await fixture.whenStable();
    // The preview says it up front
    expect(text(element.querySelector('crm-import-preview nz-alert'))).toContain('以下新项目未填写项目负责人');
    expect(element.querySelector('crm-owner-choice')).toBeNull();

    const commitButton = () => [...element.querySelectorAll('button')].find((b) => text(b).startsWith('确认导入')) as HTMLButtonElement;
    commitButton().click();
    const first = backend.expectOne(`/api/ledger/imports/${batch().id}/commit`);
    expect(first.request.body).toEqual({});
    const ownerless = [
      { chain: 'clean-energy', name: '新能源产业链', rows: [2, 5], candidates: [{ id: 'u-wang', displayName: '王专班' }, { id: 'u-li', displayName: '李专班' }] },
      { chain: 'new-materials', name: '新材料产业链', rows: Array.from({ length: 12 }, (_, i) => i + 10), candidates: [{ id: 'u-zhao', displayName: '赵专班' }] },
    ];
    first.flush(
      { statusCode: 422, message: '以下新项目没有项目负责人 / New projects without an owner', ownerless },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();

    const choice = element.querySelector('crm-owner-choice') as HTMLElement;
    expect(choice).not.toBeNull();
    expect(text(choice.querySelector('h2'))).toBe('请为未填写项目负责人的新项目选择负责人');
    expect(text(choice.querySelector('[data-chain="clean-energy"] label'))).toBe('新能源产业链：第2、5行');
    expect(text(choice.querySelector('[data-chain="new-materials"] label'))).toBe('新材料产业链：第10、11、12、13、14、15、16、17、18、19行等，共12行');
    expect(text(choice.querySelector('[data-chain="clean-energy"] .outcome'))).toBe('尚未选择：第2、5行的新项目还没有负责人。');
    expect(text(element.querySelector('.problem'))).toContain('请为每条产业链选择默认负责人后再确认导入');

    // Confirming with a chain unchosen sends nothing and marks it
    commitButton().click();
    backend.expectNone(`/api/ledger/imports/${batch().id}/commit`);

    // Choose in each select, as the user does: open it, click the name
    for (const [chain, name] of [['clean-energy', '李专班'], ['new-materials', '赵专班']]) {
      (choice.querySelector(`[data-chain="${chain}"] .ant-select-selector`) as HTMLElement).click();
      fixture.detectChanges();
      await fixture.whenStable();
      const option = [...document.querySelectorAll('nz-option-item')].find((o) => text(o) === name) as HTMLElement;
      expect(option).toBeTruthy();
      option.click();
      fixture.detectChanges();
      await fixture.whenStable();
    }
    expect(text(choice.querySelector('[data-chain="clean-energy"] .outcome'))).toBe('第2、5行的新项目将由 李专班 负责。');
    expect(text(choice.querySelector('[data-chain="new-materials"] .outcome'))).toBe('第10、11、12、13、14、15、16、17、18、19行等，共12行的新项目将由 赵专班 负责。');
    expect(element.querySelector('.problem')).toBeNull();

    commitButton().click();
    const second = backend.expectOne(`/api/ledger/imports/${batch().id}/commit`);
    expect(second.request.body).toEqual({ defaultOwners: { 'clean-energy': 'u-li', 'new-materials': 'u-zhao' } });
    second.flush(batch({ status: 'committed', committedAt: '2026-06-01T00:01:00.000Z' }));
    await fixture.whenStable();
    expect(text(element.querySelector('nz-result'))).toContain('导入完成');
  });

  it('offers the owner choice with the preview when the API lists the ownerless chains up front', async () => {
    const { fixture, element, page } = await render();
    page.selectFile(file());
    const ownerless = [{ chain: 'clean-energy', name: '新能源产业链', rows: [2], candidates: [{ id: 'u-wang', displayName: '王专班' }] }];
    backend.expectOne('/api/ledger/imports/projects').flush({ batch: batch({ ownerless }), rows });
    await fixture.whenStable();
    const choice = element.querySelector('crm-owner-choice') as HTMLElement;
    expect(choice).not.toBeNull();
    expect(text(choice.querySelector('[data-chain="clean-energy"] label'))).toBe('新能源产业链：第2行');
    // Confirming before choosing sends nothing and says what is missing.
    const commitButton = [...element.querySelectorAll('button')].find((b) => text(b).startsWith('确认导入')) as HTMLButtonElement;
    commitButton.click();
    await fixture.whenStable();
    backend.expectNone(`/api/ledger/imports/${batch().id}/commit`);
    expect(text(element.querySelector('.problem'))).toContain('请为每条产业链选择默认负责人后再确认导入');
  });

  it('says so when a chain has nobody who may own its new projects, and a wrong default owner in the API’s words', async () => {
    const { fixture, element, page } = await render();
    page.selectFile(file());
    backend.expectOne('/api/ledger/imports/projects').flush({ batch: batch(), rows });
    await fixture.whenStable();
    (page as unknown as { commit(): void }).commit();
    backend.expectOne(`/api/ledger/imports/${batch().id}/commit`).flush(
      { statusCode: 422, message: '以下新项目没有项目负责人', ownerless: [{ chain: 'bio', name: '生物医药产业链', rows: [3], candidates: [] }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(text(element.querySelector('crm-owner-choice [data-chain="bio"]'))).toContain('生物医药产业链目前没有可担任负责人的专班人员');
    expect(element.querySelector('crm-owner-choice nz-select')).toBeNull();

    // Another refusal (not about missing owners) shows the API's message
    (page as unknown as { commit(): void }).commit();
    backend.expectOne(`/api/ledger/imports/${batch().id}/commit`).flush(
      { statusCode: 422, message: '默认负责人“王五”不是新能源产业链责任单位的专班工作人员，请选择该产业链的专班人员 / A default owner must be staff of a unit serving the chain' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(text(element.querySelector('.problem'))).toContain('默认负责人“王五”不是新能源产业链责任单位的专班工作人员');
  });

  it('asks for a column mapping when the headers differ, and uploads again with it', async () => {
    const { fixture, element, page } = await render();
    page.selectFile(file());
    backend.expectOne('/api/ledger/imports/projects').flush(
      { statusCode: 400, message: '缺少必填列：项目阶段 / Required columns are missing', code: 'columns', headers: ['项目', '专班', '投资主体', '环节', '牵头单位'] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('crm-column-mapping-form')).not.toBeNull();
    expect(text(element.querySelector('.problem'))).toContain('尚未指定必填字段：项目阶段');
    const apply = [...element.querySelectorAll('crm-column-mapping-form button')].find((b) => text(b) === '按此映射重新读取') as HTMLButtonElement;
    expect(apply.disabled).toBe(true);

    // choose 项目阶段 for 环节 (the select's own model, as the user would)
    (page as unknown as { applyMapping(o: Record<string, string | null>): void }).applyMapping({
      项目: 'name',
      专班: 'chain',
      投资主体: 'investorName',
      环节: 'stage',
      牵头单位: 'responsibleUnit',
    });
    const again = backend.expectOne('/api/ledger/imports/projects');
    expect(JSON.parse((again.request.body as FormData).get('columns') as string)).toMatchObject({ 环节: 'stage' });
    again.flush({ batch: batch(), rows });
    await fixture.whenStable();
    expect(element.querySelector('crm-import-preview')).not.toBeNull();
  });

  it('shows a bad file in the API’s words and stays on the upload step', async () => {
    const { fixture, element, page } = await render();
    page.selectFile(file());
    backend.expectOne('/api/ledger/imports/projects').flush(
      { statusCode: 400, message: '工作簿设置了打开密码，或是旧版 .xls 格式：请取消密码并另存为 .xlsx 后再导入 / password-protected', code: 'encrypted-or-xls' },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(text(element.querySelector('nz-alert'))).toContain('工作簿设置了打开密码');
    expect(element.querySelector('nz-upload')).not.toBeNull();
  });

  it('follows a large file through the worker: reading progress, then the preview; a large commit with its progress', async () => {
    jest.useFakeTimers();
    try {
      const fixture = TestBed.createComponent(LedgerImportPage);
      settle(fixture);
      const element = fixture.nativeElement as HTMLElement;
      const page = fixture.componentInstance;
      page.selectFile(file());
      backend
        .expectOne('/api/ledger/imports/projects')
        .flush({ batch: batch({ status: 'queued', totalRows: 20000, processedRows: 0, counts: { create: 0, update: 0, skip: 0, error: 0 } }), rows: [] }, { status: 202, statusText: 'Accepted' });
      settle(fixture);
      expect(text(element.querySelector('.progress'))).toContain('正在后台读取');

      jest.advanceTimersByTime(POLL_MS);
      backend
        .expectOne((r) => r.params.get('limit') === '0')
        .flush({ batch: batch({ status: 'queued', totalRows: 20000, processedRows: 5000 }), rows: [] });
      settle(fixture);
      expect(text(element.querySelector('.progress-text'))).toBe('已读取 5000 / 20000 行');

      const big = { create: 20000, update: 0, skip: 0, error: 0 };
      jest.advanceTimersByTime(POLL_MS);
      backend.expectOne((r) => r.params.get('limit') === '0').flush({ batch: batch({ totalRows: 20000, processedRows: 20000, counts: big }), rows: [] });
      settle(fixture);
      backend.expectOne((r) => r.params.get('limit') === '50').flush({ batch: batch({ counts: big }), rows: rows.slice(0, 1) });
      settle(fixture);
      expect(text(element.querySelector('[data-count="create"]'))).toBe('新增 20000');

      (page as unknown as { commit(): void }).commit();
      backend
        .expectOne(`/api/ledger/imports/${batch().id}/commit`)
        .flush(batch({ counts: big, committing: true, commitProgress: { processed: 0, total: 20000 } }), { status: 202, statusText: 'Accepted' });
      settle(fixture);
      jest.advanceTimersByTime(POLL_MS);
      backend
        .expectOne((r) => r.params.get('limit') === '0')
        .flush({ batch: batch({ counts: big, committing: true, commitProgress: { processed: 8000, total: 20000 } }), rows: [] });
      settle(fixture);
      expect(text(element.querySelector('.progress-text'))).toBe('已处理 8000 / 20000 行');
      jest.advanceTimersByTime(POLL_MS);
      backend
        .expectOne((r) => r.params.get('limit') === '0')
        .flush({ batch: batch({ counts: big, status: 'committed', committedAt: '2025-06-01T00:02:00.000Z' }), rows: [] });
      settle(fixture);
      expect(text(element.querySelector('nz-result'))).toContain('新增 20000 条');
    } finally {
      jest.useRealTimers();
    }
  });
});
