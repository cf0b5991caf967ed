import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DeleteOutline, DownloadOutline, EditOutline, PlusOutline, UploadOutline } from '@ant-design/icons-angular/icons';
import type { AnnualPlanView, PlanDifference, Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { UNITS, chains, click, keyTask, plan, settle, signIn, text, type } from '../testing/plan-fixtures';
import { PlanEditorPage } from './plan-editor-page';
import { PlanKeyTasksSection } from './plan-key-tasks-section';

describe('PlanEditorPage', () => {
  let backend: HttpTestingController;
  const messages = { success: jest.fn(), error: jest.fn() };

  beforeEach(() => {
    localStorage.clear();
    Object.values(messages).forEach((m) => m.mockReset());
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'plan/:year', component: PlanEditorPage }]),
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

  /** Opens /plan/:year as a user of these roles; answers the plan (or a 404 when null). */
  async function open(roles: Role[], answer: AnnualPlanView | null = plan(), year = answer?.year ?? 2026) {
    await signIn(backend, roles);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/plan/${year}`);
    backend.expectOne('/api/chains').flush(chains());
    if (roles.includes('office')) backend.expectOne('/api/units').flush(UNITS);
    const request = backend.expectOne(`/api/plans/${year}`);
    if (answer) {
      request.flush(answer);
    } else {
      request.flush(
        { statusCode: 404, message: `${year}年度工作方案尚未录入 / There is no plan for ${year}` },
        { status: 404, statusText: 'Not Found' },
      );
    }
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    const stable = async () => {
      await harness.fixture.whenStable();
      await settle();
      await harness.fixture.whenStable();
    };
    return { harness, page, stable };
  }

  const cells = (row: Element | null) => [...(row?.querySelectorAll('td') ?? [])].map((td) => text(td));
  const modal = () => document.querySelector('.ant-modal') as HTMLElement;
  const modalButton = (selector: string) => document.querySelector<HTMLButtonElement>(`.ant-modal ${selector}`);

  it('shows a reader the year’s targets in 亿元 with their 以上 marks, and no edit controls', async () => {
    const { page } = await open(['leader']);
    expect(text(page.querySelector('h1'))).toBe('2026年度工作方案');
    expect(text(page.querySelector('.status'))).toBe('草稿');
    expect(text(page.querySelector('.page-subtitle'))).toBe('以2025年度方案为底稿起草 · 第3版');
    expect(text(page.querySelector('.city-signed'))).toBe('220亿元以上');
    expect(text(page.querySelector('.city-funds'))).toBe('100亿元');
    // The chains in the plan's order, the one without targets flagged.
    expect([...page.querySelectorAll('tr.target')].map((r) => cells(r))).toEqual([
      ['清洁能源产业链', '140亿元以上', '30亿元', '单体5亿元以上项目不少于3个'],
      ['盐湖化工产业链', '12.5亿元', '8亿元以上', '不作要求'],
      ['冶金建材产业链', '未设定目标，发布前须补充'],
    ]);
    expect([...page.querySelectorAll('.growth')].map((g) => text(g))).toEqual([
      '特色农牧业同比增长5%',
      '制造业同比增长20%',
      '现代服务业同比增长10%',
    ]);
    expect(text(page.querySelector('.pending-problems'))).toContain('冶金建材产业链尚未填写工作目标');
    expect(page.querySelector('button.publish')).toBeNull();
    expect(page.querySelector('button.edit-city')).toBeNull();
    expect(page.querySelector('button.edit-target')).toBeNull();
    expect(page.querySelector('button.edit-sectors')).toBeNull();
  });

  it('lets the office set a chain’s targets in 亿元, sent as exact 万元 strings', async () => {
    const { harness, page, stable } = await open(['office']);
    page.querySelector<HTMLButtonElement>('tr[data-chain="clean-energy"] button.edit-target')?.click();
    await stable();
    expect(text(modal().querySelector('.ant-modal-title'))).toBe('编辑清洁能源产业链2026年工作目标');
    expect(document.querySelector<HTMLInputElement>('#target-signed')?.value).toBe('140');
    // No reason is asked while the plan is a draft.
    expect(document.querySelector('#target-reason')).toBeNull();

    type(document, '#target-signed', '150.1');
    type(document, '#target-funds', '0.3');
    type(document, '#target-count', '0');
    await stable();
    expect(text(modal().querySelector('.field-error'))).toBe('大项目门槛和个数应同时填写（不作要求时均填0）');
    expect(modalButton('button.save-target')?.disabled).toBe(true);

    type(document, '#target-count', '4');
    await stable();
    modalButton('button.save-target')?.click();
    const request = backend.expectOne('/api/plans/2026/targets/clean-energy');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      signedAmount: '1501000',
      signedAtLeast: true,
      fundsInPlace: '3000',
      fundsAtLeast: false,
      bigProjectThreshold: '50000',
      bigProjectMinCount: 4,
      bigProjectAtLeast: true,
    });
    const updated = plan({ version: 4 });
    updated.targets[0] = { ...updated.targets[0], signedAmount: '1501000.000000', fundsInPlace: '3000.000000', bigProjectMinCount: 4 };
    request.flush(updated);
    await harness.fixture.whenStable();
    expect(cells(page.querySelector('tr[data-chain="clean-energy"]')).slice(1, 4)).toEqual([
      '150.1亿元以上',
      '3000万元',
      '单体5亿元以上项目不少于4个',
    ]);
    expect(messages.success).toHaveBeenCalledWith('清洁能源产业链工作目标已保存');
  });

  it('asks for a 修改原因 on every save once the plan is published, and sends it', async () => {
    const published = plan({ year: 2025, status: 'published', publishedAt: '2025-02-10T02:00:00.000Z', draftedFrom: null, version: 7, problems: [] });
    const { harness, page, stable } = await open(['office'], published);
    expect(text(page.querySelector('.status'))).toBe('已发布');
    expect(text(page.querySelector('.page-subtitle'))).toBe('2025-02-10 发布 · 第7版');
    expect(page.querySelector('button.publish')).toBeNull();

    page.querySelector<HTMLButtonElement>('button.edit-city')?.click();
    await stable();
    expect(text(modal().querySelector('.reason-alert'))).toContain('本年度方案已发布，修改将记入审计日志');
    type(document, '#city-signed', '230');
    await stable();
    expect(modalButton('button.save-head')?.disabled).toBe(true);

    type(document, '#head-reason', '市政府常务会议调整目标');
    await stable();
    modalButton('button.save-head')?.click();
    const request = backend.expectOne('/api/plans/2025');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      version: 7,
      citySignedAmount: '2300000',
      citySignedAtLeast: true,
      cityFundsInPlace: '1000000',
      cityFundsAtLeast: false,
      reason: '市政府常务会议调整目标',
    });
    request.flush({ ...published, citySignedAmount: '2300000.000000', version: 8 });
    await harness.fixture.whenStable();
    expect(text(page.querySelector('.city-signed'))).toBe('230亿元以上');

    // The sector targets ask the same.
    page.querySelector<HTMLButtonElement>('button.edit-sectors')?.click();
    await stable();
    type(document, '#rate-manufacturing', '25');
    await stable();
    expect(modalButton('button.save-sectors')?.disabled).toBe(true);
    type(document, '#sector-reason', '制造业目标上调');
    await stable();
    modalButton('button.save-sectors')?.click();
    const sectors = backend.expectOne('/api/plans/2025/sector-growth');
    expect(sectors.request.body).toEqual({
      targets: [
        { sector: 'agri-pastoral', growthRate: '5' },
        { sector: 'manufacturing', growthRate: '25' },
        { sector: 'modern-services', growthRate: '10' },
      ],
      reason: '制造业目标上调',
    });
    sectors.flush({ ...published, version: 9 });
    await harness.fixture.whenStable();
  });

  it('keeps the dialog open with the API’s words when someone else saved first, and reads the plan again', async () => {
    const { page, stable } = await open(['office']);
    page.querySelector<HTMLButtonElement>('button.edit-city')?.click();
    await stable();
    modalButton('button.save-head')?.click();
    backend
      .expectOne((r) => r.method === 'PUT' && r.url === '/api/plans/2026')
      .flush(
        { message: '工作方案已被他人修改，请查看最新内容后再保存 / Someone else changed the plan first' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable();
    expect(text(modal().querySelector('.form-error'))).toBe('工作方案已被他人修改，请查看最新内容后再保存');
    backend.expectOne((r) => r.method === 'GET' && r.url === '/api/plans/2026').flush(plan({ version: 5 }));
    await stable();
    // The dialog stays; saving again sends the version just read.
    modalButton('button.save-head')?.click();
    const again = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/plans/2026');
    expect(again.request.body.version).toBe(5);
    again.flush(plan({ version: 6 }));
    await stable();
    expect(messages.success).toHaveBeenCalledWith('全市目标已保存');
  });

  it('lists in Chinese what the API says is missing when publishing is refused', async () => {
    const { harness, page, stable } = await open(['office']);
    page.querySelector<HTMLButtonElement>('button.publish')?.click();
    await stable();
    expect(text(modal().querySelector('.publish-text'))).toContain('发布后，2026年度工作方案即作为驾驶舱、排名和汇总报告的考核依据');
    modalButton('button.confirm-publish')?.click();
    const request = backend.expectOne('/api/plans/2026/publish');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ version: 3 });
    request.flush(
      {
        statusCode: 422,
        message: '2026年度工作方案尚不完整，暂不能发布：冶金建材产业链尚未填写工作目标；尚未填写全市到位资金目标 / The plan is incomplete',
        errors: {
          'targets.metallurgy': ['冶金建材产业链尚未填写工作目标 / The metallurgy chain has no targets'],
          cityFundsInPlace: ['尚未填写全市到位资金目标 / The city funds-in-place target is missing'],
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable();
    const problems = page.querySelector('.publish-problems');
    expect(text(problems?.querySelector('.ant-alert-message'))).toBe('方案暂不能发布，请先完善以下内容：');
    expect([...(problems?.querySelectorAll('li') ?? [])].map((li) => text(li))).toEqual([
      '冶金建材产业链尚未填写工作目标',
      '尚未填写全市到位资金目标',
    ]);
    expect(text(page.querySelector('.status'))).toBe('草稿');

    // Once complete, it publishes.
    page.querySelector<HTMLButtonElement>('button.publish')?.click();
    await stable();
    modalButton('button.confirm-publish')?.click();
    backend
      .expectOne('/api/plans/2026/publish')
      .flush(plan({ status: 'published', publishedAt: '2026-01-05T03:00:00.000Z', version: 4, problems: [] }));
    await harness.fixture.whenStable();
    expect(text(page.querySelector('.status'))).toBe('已发布');
    expect(page.querySelector('.publish-problems')).toBeNull();
    expect(page.querySelector('button.publish')).toBeNull();
    expect(messages.success).toHaveBeenCalledWith('2026年度工作方案已发布');
  });

  it('says plainly when the year has no plan, and lets the office draft it from the latest earlier one', async () => {
    const { harness, page } = await open(['office'], null, 2027);
    backend.expectOne('/api/plans').flush([
      { year: 2026, status: 'published', publishedAt: '2026-01-05T03:00:00.000Z', version: 4 },
      { year: 2025, status: 'published', publishedAt: '2025-02-10T02:00:00.000Z', version: 7 },
    ]);
    await harness.fixture.whenStable();
    expect(text(page.querySelector('.no-plan .ant-result-title'))).toBe('2027年尚无年度工作方案');
    expect(text(page.querySelector('.no-plan .ant-result-subtitle'))).toContain('可以2026年度方案为底稿起草');
    expect(page.querySelector('nz-tabs')).toBeNull();

    click(page, 'button.draft-from');
    const request = backend.expectOne('/api/plans/2027/draft');
    expect(request.request.body).toEqual({ fromYear: 2026 });
    request.flush(plan({ year: 2027, draftedFrom: 2026, version: 1 }));
    await harness.fixture.whenStable();
    expect(page.querySelector('.no-plan')).toBeNull();
    expect(text(page.querySelector('.status'))).toBe('草稿');
    expect(messages.success).toHaveBeenCalledWith('已起草2027年度工作方案');
  });

  it('tells a reader the year has no plan, with nothing to press but the way back', async () => {
    const { page } = await open(['staff'], null, 2027);
    expect(text(page.querySelector('.no-plan .ant-result-subtitle'))).toBe('领导小组办公室尚未起草该年度方案。');
    expect(page.querySelector('button.draft-from')).toBeNull();
    expect(page.querySelector('button.draft-blank')).toBeNull();
    expect(page.querySelector('a.back')?.getAttribute('href')).toBe('/plan');
  });

  it('shows the key tasks chain by chain with units, milestones and goals; the office adds one', async () => {
    const { harness, page, stable } = await open(['office']);
    (harness.routeDebugElement?.componentInstance as { tab: { set(i: number): void } }).tab.set(1);
    await stable();
    expect([...page.querySelectorAll('.chain-group')].map((g) => text(g.querySelector('.chain-heading')))).toEqual([
      '清洁能源产业链',
      '冶金建材产业链',
    ]);
    const task = page.querySelector('li.task[data-task-id="101"]');
    expect(text(task?.querySelector('.task-text'))).toBe('1. 推进光伏制氢一体化项目建设');
    expect([...(task?.querySelectorAll('.unit') ?? [])].map((u) => text(u))).toEqual(['市能源局']);
    expect(text(task?.querySelector('.milestone'))).toBe('光伏制氢一体化项目 → 竣工投产（年内建成）');
    expect(text(task?.querySelector('.goal'))).toBe('建设算力标准机架：目标4000个，已完成1200个');

    click(page, 'button.add-task');
    await stable();
    const section = harness.fixture.debugElement.query(By.directive(PlanKeyTasksSection))
      .componentInstance as unknown as {
      patch(c: object): void;
      patchMilestone(i: number, c: object): void;
    };
    // Saving an empty form names what is missing and sends nothing.
    modalButton('button.save-task')?.click();
    await stable();
    expect([...modal().querySelectorAll('.field-error')].map((e) => text(e))).toEqual([
      '请选择产业链',
      '请填写任务内容',
      '请至少选择一个责任单位',
    ]);

    // Choosing from ng-zorro's selects is ng-zorro's business: the form is set directly.
    section.patch({ chainCode: 'metallurgy', unitIds: [9, 7] });
    type(document, '#task-form-text', '推进镁基合金项目落地');
    click(document, '.ant-modal button.add-milestone');
    click(document, '.ant-modal button.add-goal');
    await stable();
    type(document, '.ant-modal input.milestone-project', '镁基合金项目');
    type(document, '.ant-modal input.milestone-wording', '开工建设');
    section.patchMilestone(0, { targetStage: 'construction' });
    type(document, '.ant-modal input.goal-label', '新增产能');
    type(document, '.ant-modal input.goal-target', '5');
    type(document, '.ant-modal input.goal-unit', '万吨');
    await stable();
    modalButton('button.save-task')?.click();
    const request = backend.expectOne('/api/plans/2026/key-tasks');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      chainCode: 'metallurgy',
      text: '推进镁基合金项目落地',
      unitIds: [9, 7],
      milestones: [{ projectName: '镁基合金项目', projectId: null, targetStage: 'construction', wording: '开工建设' }],
      goals: [{ label: '新增产能', measureUnit: '万吨', target: '5', achieved: '0' }],
    });
    const before = plan();
    request.flush(
      plan({
        version: 4,
        keyTasks: [...before.keyTasks, keyTask({ id: 103, chainCode: 'metallurgy', seq: 2, text: '推进镁基合金项目落地', goals: [] })],
      }),
      { status: 201, statusText: 'Created' },
    );
    await stable();
    expect(page.querySelectorAll('.chain-group[data-chain="metallurgy"] li.task')).toHaveLength(2);
    expect(messages.success).toHaveBeenCalledWith('重点任务已添加');
  });

  it('removes a key task of a published plan only with a reason', async () => {
    const published = plan({ status: 'published', publishedAt: '2026-01-05T03:00:00.000Z', version: 4, problems: [] });
    const { harness, page, stable } = await open(['office'], published);
    (harness.routeDebugElement?.componentInstance as { tab: { set(i: number): void } }).tab.set(1);
    await stable();
    click(page, 'li.task[data-task-id="102"] button.remove-task');
    await stable();
    expect(text(modal().querySelector('.remove-text'))).toContain('确定删除第1项重点任务“延伸镁基新材料产业链”？');
    expect(modalButton('button.confirm-remove')?.disabled).toBe(true);
    type(document, '#remove-reason', '并入第1项');
    await stable();
    modalButton('button.confirm-remove')?.click();
    const request = backend.expectOne((r) => r.url === '/api/plans/2026/key-tasks/102');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.params.get('reason')).toBe('并入第1项');
    request.flush({ ...published, version: 5, keyTasks: [keyTask()] });
    await stable();
    expect(page.querySelector('li.task[data-task-id="102"]')).toBeNull();
  });

  it('shows a reader the key tasks with no edit controls', async () => {
    const { harness, page, stable } = await open(['admin']);
    (harness.routeDebugElement?.componentInstance as { tab: { set(i: number): void } }).tab.set(1);
    await stable();
    expect(page.querySelectorAll('li.task')).toHaveLength(2);
    expect(page.querySelector('button.add-task')).toBeNull();
    expect(page.querySelector('button.edit-task')).toBeNull();
    expect(page.querySelector('button.remove-task')).toBeNull();
  });

  it('compares the plan with the year before, in words, and with another year on request', async () => {
    const { harness, page, stable } = await open(['leader']);
    (harness.routeDebugElement?.componentInstance as { tab: { set(i: number): void } }).tab.set(2);
    await stable();
    const lines: PlanDifference[] = [
      { area: 'city', subject: 'city', field: 'citySignedAmount', before: '2000000+', after: '2200000+' },
      { area: 'target', subject: 'clean-energy', field: 'bigProjects', before: '50000 × 2+', after: '50000 × 3+' },
      { area: 'sector', subject: 'manufacturing', field: 'growthRate', before: '15%', after: '20%' },
      { area: 'key-task', subject: 'metallurgy#1', field: 'milestones', before: null, after: '镁基合金项目→construction' },
    ];
    const request = backend.expectOne('/api/plans/2026/diff');
    expect(request.request.params.has('against')).toBe(false);
    request.flush(lines);
    await stable();
    expect(text(page.querySelector('.diff-count'))).toBe('2026年方案与2025年相比共有4处变化');
    expect([...page.querySelectorAll('tr.difference')].map((r) => cells(r))).toEqual([
      ['全市目标', '全市', '签约金额', '200亿元以上', '220亿元以上'],
      ['产业链目标', '清洁能源产业链', '大项目要求', '单体5亿元以上项目不少于2个', '单体5亿元以上项目不少于3个'],
      ['分行业增长', '制造业', '同比增长目标', '15%', '20%'],
      ['重点任务', '冶金建材产业链第1项', '项目节点', '—', '镁基合金项目→项目开工'],
    ]);

    type(page, '#diff-against', '2024');
    await stable();
    click(page, 'button.compare');
    const older = backend.expectOne((r) => r.url === '/api/plans/2026/diff');
    expect(older.request.params.get('against')).toBe('2024');
    older.flush([]);
    await stable();
    expect(text(page.querySelector('crm-plan-diff .empty'))).toBe('2026年方案与2024年方案没有差异');
  });
});
