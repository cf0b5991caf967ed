import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ReloadOutline, UndoOutline } from '@ant-design/icons-angular/icons';
import type { AuditFilterOptions, AuditLogEntryView, CurrentUserView, Role } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { AUDIT_PAGE_SIZE, AuditLogPage } from './audit-log-page';

const PROJECT = 'c0000000-0000-4000-8000-000000000001';

function entry(id: number, overrides: Partial<AuditLogEntryView> = {}): AuditLogEntryView {
  return {
    id: String(id),
    // 01:30 Beijing time on 3 March: the page shows Beijing time, whatever the browser's zone.
    at: '2026-03-02T17:30:00.000Z',
    userId: 'a0000000-0000-4000-8000-000000000001',
    username: 'wangjg',
    action: 'update',
    entityType: 'project',
    entityId: PROJECT,
    projectId: PROJECT,
    before: { stage: 'lead', plannedInvestment: '12000.5' },
    after: { stage: 'negotiation', plannedInvestment: '300000' },
    entityLabel: '招商项目',
    entityLabelEn: 'Project',
    actionLabel: '修改',
    recordName: '光伏储能一体化项目',
    projectName: '光伏储能一体化项目',
    userDisplayName: '王建国',
    userUnitName: '市能源局',
    changes: [
      { field: 'stage', label: '阶段', labelEn: 'Stage', before: '信息收集', after: '对接洽谈' },
      { field: 'plannedInvestment', label: '计划总投资', labelEn: 'Planned investment', before: '12,000.5万元', after: '300,000万元' },
    ],
    link: `/projects/${PROJECT}`,
    ...overrides,
  };
}

const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => entry(from - i));

const FILTERS: AuditFilterOptions = {
  users: [
    { id: 'a0000000-0000-4000-8000-000000000001', displayName: '王建国', username: 'wangjg', unitName: '市能源局', active: true },
    { id: 'a0000000-0000-4000-8000-000000000002', displayName: '李管理', username: 'admin', unitName: null, active: true },
  ],
  units: [{ id: 7, name: '市能源局' }],
  entityTypes: [
    { type: 'project', zh: '招商项目', en: 'Project' },
    { type: 'action_item', zh: '交办事项', en: 'Action item' },
  ],
};

describe('AuditLogPage', () => {
  let backend: HttpTestingController;

  async function signIn(roles: Role[]): Promise<void> {
    const auth = TestBed.inject(AuthService);
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush({
      id: 'c1',
      username: 'office1',
      displayName: '办公室',
      roles,
      unit: null,
      person: null,
      chainCodes: [],
      editableChainCodes: [],
      mustChangePassword: false,
    } satisfies CurrentUserView);
    await loaded;
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideNzIcons([ReloadOutline, UndoOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  const audit = (): TestRequest => backend.expectOne((request) => request.url === '/api/audit');
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();

  async function render(roles: Role[] = ['office']) {
    await signIn(roles);
    const fixture = TestBed.createComponent(AuditLogPage);
    backend.expectOne('/api/audit/filters').flush(FILTERS);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows each entry in words: Beijing time, the person and unit, the record linked, before → after', async () => {
    const { fixture, element } = await render();
    const first = audit();
    expect(first.request.params.get('limit')).toBe(String(AUDIT_PAGE_SIZE));
    expect(first.request.params.has('beforeId')).toBe(false);
    first.flush([
      entry(12),
      entry(11, {
        action: 'create',
        entityType: 'meeting',
        entityId: 'm1',
        projectId: null,
        projectName: null,
        recordName: '2026-03-05 月调度会',
        entityLabel: '调度会议',
        link: '/meetings/m1',
        before: null,
        after: { kind: 'monthly-dispatch' },
        changes: [{ field: 'kind', label: '会议类别', labelEn: 'Kind', before: null, after: '月调度会' }],
      }),
      entry(10, { userId: null, username: null, userDisplayName: null, userUnitName: null }),
    ]);
    await fixture.whenStable();

    const rows = [...element.querySelectorAll('tr.entry')];
    expect(rows).toHaveLength(3);
    expect(text(rows[0].querySelector('.at'))).toBe('2026-03-03 01:30:00');
    expect(text(rows[0].querySelector('.user-name'))).toBe('王建国');
    expect(text(rows[0].querySelector('.user-unit'))).toBe('市能源局');
    expect(text(rows[0].querySelector('nz-tag'))).toBe('修改');
    expect(text(rows[0].querySelector('.entity-type'))).toBe('招商项目');
    const project = rows[0].querySelector<HTMLAnchorElement>('a.project');
    expect(text(project)).toBe('光伏储能一体化项目');
    expect(project?.getAttribute('href')).toBe(`/projects/${PROJECT}`);
    expect([...rows[0].querySelectorAll('.change-line')].map(text)).toEqual([
      '阶段：信息收集 → 对接洽谈',
      '计划总投资：12,000.5万元 → 300,000万元',
    ]);
    // No UUIDs, usernames or JSON on the row.
    expect(text(rows[0])).not.toContain(PROJECT);
    expect(text(rows[0])).not.toContain('wangjg');
    expect(text(rows[0])).not.toContain('{');

    const meeting = rows[1].querySelector<HTMLAnchorElement>('a.record-name');
    expect(text(meeting)).toBe('2026-03-05 月调度会');
    expect(meeting?.getAttribute('href')).toBe('/meetings/m1');
    expect(text(rows[1].querySelector('.change-line'))).toBe('会议类别：月调度会');
    expect(text(rows[2].querySelector('.user'))).toBe('系统自动');

    expect(element.querySelector('crm-audit-diff-table')).toBeNull();
    rows[0].querySelector<HTMLButtonElement>('.ant-table-row-expand-icon')?.click();
    await fixture.whenStable();
    const diff = element.querySelector('crm-audit-diff-table');
    expect(
      [...(diff?.querySelectorAll('.diff > tbody > tr') ?? [])].map((tr) => [...tr.children].map((cell) => text(cell))),
    ).toEqual([
      ['阶段', '信息收集', '对接洽谈'],
      ['计划总投资', '12,000.5万元', '300,000万元'],
    ]);
    expect(text(element.querySelector('.more'))).toBe('已加载全部 3 条记录');
  });

  it('folds changes past the third into the expanded row', async () => {
    const { fixture, element } = await render();
    const many = ['名称', '投资方', '建设地点', '所属行业', '招商渠道'].map((label, i) => ({
      field: `f${i}`,
      label,
      labelEn: label,
      before: '甲',
      after: '乙',
    }));
    audit().flush([entry(1, { changes: many })]);
    await fixture.whenStable();
    expect(element.querySelectorAll('.change-line')).toHaveLength(3);
    const more = element.querySelector<HTMLButtonElement>('button.more-changes');
    expect(text(more)).toBe('另有 2 项，展开查看');
    more?.click();
    await fixture.whenStable();
    expect(element.querySelectorAll('crm-audit-diff-table .diff > tbody > tr')).toHaveLength(5);
    expect(text(element.querySelector('button.more-changes'))).toBe('收起');
  });

  it('loads older entries with beforeId = the last id shown', async () => {
    const { fixture, element } = await render();
    audit().flush(page(500, AUDIT_PAGE_SIZE));
    await fixture.whenStable();
    const more = element.querySelector<HTMLButtonElement>('button.load-more');
    expect(more?.textContent?.trim()).toBe('加载更多');

    more?.click();
    const next = audit();
    expect(next.request.params.get('beforeId')).toBe(String(500 - AUDIT_PAGE_SIZE + 1));
    next.flush(page(500 - AUDIT_PAGE_SIZE, 3));
    await fixture.whenStable();

    expect(element.querySelectorAll('tr.entry')).toHaveLength(AUDIT_PAGE_SIZE + 3);
    expect(element.querySelector('button.load-more')).toBeNull();
  });

  it('filters by project (searched by name), person, unit, record type and Beijing days', async () => {
    const { fixture, element } = await render();
    audit().flush([entry(3)]);
    await fixture.whenStable();
    const page = fixture.componentInstance as unknown as {
      searchProjects(q: string): void;
      setProject(id: string | null): void;
      setUser(id: string | null): void;
      setUnit(id: number | null): void;
      setEntityType(type: string | null): void;
      userOptions(): { value: string; label: string }[];
      entityTypeOptions(): { value: string; label: string }[];
    };
    // People by name and unit, record types by their Chinese names.
    expect(page.userOptions().map((o) => o.label)).toEqual(['王建国（市能源局）', '李管理']);
    expect(page.entityTypeOptions().map((o) => o.label)).toEqual(['招商项目', '交办事项']);

    jest.useFakeTimers();
    try {
      page.searchProjects('光伏');
      jest.advanceTimersByTime(300);
    } finally {
      jest.useRealTimers();
    }
    const search = backend.expectOne((r) => r.url === '/api/audit/projects');
    expect(search.request.params.get('q')).toBe('光伏');
    search.flush([{ id: PROJECT, name: '光伏储能一体化项目', chainName: '清洁能源产业链' }]);

    page.setProject(PROJECT);
    expect(audit().request.params.get('projectId')).toBe(PROJECT);
    page.setUser(FILTERS.users[0].id);
    expect(audit().request.params.get('userId')).toBe(FILTERS.users[0].id);
    page.setUnit(7);
    expect(audit().request.params.get('unitId')).toBe('7');
    page.setEntityType('action_item');
    const byType = audit();
    expect(byType.request.params.get('entityType')).toBe('action_item');
    byType.flush([]);
    await fixture.whenStable();
    expect(element.textContent).toContain('没有符合条件的记录');

    const from = element.querySelector<HTMLInputElement>('#audit-from');
    const to = element.querySelector<HTMLInputElement>('#audit-to');
    if (!from || !to) throw new Error('no date inputs');
    from.value = '2026-03-01';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    audit().flush([]);
    to.value = '2026-03-31';
    to.dispatchEvent(new Event('change', { bubbles: true }));
    const byDates = audit();
    // Calendar days as chosen: the API reads them as Beijing days, both ends included.
    expect(byDates.request.params.get('fromDay')).toBe('2026-03-01');
    expect(byDates.request.params.get('toDay')).toBe('2026-03-31');
    byDates.flush([]);
    await fixture.whenStable();

    // An end before the start: the date field does not take it when typed (outside its min) …
    to.value = '2026-02-01';
    to.dispatchEvent(new Event('change', { bubbles: true }));
    await fixture.whenStable();
    backend.expectNone((request) => request.url === '/api/audit');
    // … and should one arrive anyway, the page points it out and sends nothing.
    (fixture.componentInstance as unknown as { setTo(day: string): void }).setTo('2026-02-01');
    await fixture.whenStable();
    backend.expectNone((request) => request.url === '/api/audit');
    expect(element.querySelector('.bad-range')?.textContent?.trim()).toBe('截止日期不能早于起始日期');

    element.querySelector<HTMLButtonElement>('button.reset')?.click();
    const reset = audit();
    expect(reset.request.params.keys()).toEqual(['limit']);
    reset.flush([]);
  });

  it('shows why the log could not be loaded, with a retry', async () => {
    const { fixture, element } = await render();
    audit().flush(
      { statusCode: 400, message: '截止日期不能早于起始日期 / toDay cannot be before fromDay' },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('.ant-result-title')?.textContent?.trim()).toBe('审计日志加载失败');
    expect(element.querySelector('.ant-result-subtitle')?.textContent?.trim()).toBe('截止日期不能早于起始日期');
    element.querySelector<HTMLButtonElement>('button.retry')?.click();
    audit().flush([]);
  });

  it('says when the office may not read the log (403)', async () => {
    const { fixture, element } = await render();
    audit().flush({ statusCode: 403, message: '无权访问 / Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(element.querySelector('.load-forbidden')).not.toBeNull();
  });
});
