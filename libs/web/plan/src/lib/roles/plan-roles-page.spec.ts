import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { PlusOutline } from '@ant-design/icons-angular/icons';
import type { ChainRoleView, PersonPostView, Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { PEOPLE, UNITS, chains, click, settle, signIn, text, type } from '../testing/plan-fixtures';
import { PlanPersonPostsCard } from './plan-person-posts-card';
import { PlanRolesPage } from './plan-roles-page';
import { PlanUnitMergeCard } from './plan-unit-merge-card';

function role(overrides: Partial<ChainRoleView>): ChainRoleView {
  return {
    id: 1,
    chainCode: 'clean-energy',
    kind: 'leader',
    role: 'liaison',
    isLead: false,
    personId: 11,
    unitId: null,
    name: '王强',
    validFrom: null,
    validTo: null,
    version: 1,
    ...overrides,
  };
}

/** 赵敏's posts: 副主任 until 2025, 主任 since 2026. */
const POSTS: PersonPostView[] = [
  { position: '市发改委副主任', validFrom: null, validTo: '2025-12-31' },
  { position: '市发改委主任', validFrom: '2026-01-01', validTo: null },
];

const unprocessable = (message: string, errors: Record<string, string[]>) => [
  { statusCode: 422, message, errors },
  { status: 422, statusText: 'Unprocessable Entity' },
] as const;

/** A liaison leader replaced on 1 July 2026, a responsible leader, a lead unit and a cooperating one. */
const ROLES: ChainRoleView[] = [
  role({ id: 4, kind: 'unit', role: 'cooperating', personId: null, unitId: 9, name: '市工信局' }),
  role({ id: 2, personId: 13, name: '孙磊', validFrom: '2026-07-01' }),
  role({ id: 1, validTo: '2026-06-30' }),
  role({ id: 1, kind: 'unit', role: 'responsible', isLead: true, personId: null, unitId: 5, name: '市能源局' }),
  role({ id: 3, role: 'responsible', personId: 12, name: '赵敏', validFrom: '2025-01-01' }),
];

describe('PlanRolesPage', () => {
  let backend: HttpTestingController;
  const messages = { success: jest.fn(), error: jest.fn() };

  beforeEach(() => {
    localStorage.clear();
    Object.values(messages).forEach((m) => m.mockReset());
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([PlusOutline]),
        { provide: NzMessageService, useValue: messages },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  const roles = (chain: string, on?: string) =>
    backend.expectOne(
      (r) => r.url === '/api/plans/roles' && r.params.get('chain') === chain && (r.params.get('on') ?? undefined) === on,
    );

  async function render(rolesOf: Role[]) {
    await signIn(backend, rolesOf);
    const fixture = TestBed.createComponent(PlanRolesPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    backend.expectOne('/api/people').flush(PEOPLE);
    if (rolesOf.includes('office')) backend.expectOne('/api/units').flush(UNITS);
    roles('clean-energy').flush(ROLES);
    const stable = async () => {
      await fixture.whenStable();
      await settle();
      await fixture.whenStable();
    };
    await stable();
    const page = fixture.nativeElement as HTMLElement;
    const instance = fixture.componentInstance as unknown as {
      setChain(c: string): void;
      patchAdd(c: object): void;
      patchRename(c: object): void;
    };
    const posts = () =>
      fixture.debugElement.query(By.directive(PlanPersonPostsCard)).componentInstance as unknown as {
        choose(id: number | null): void;
      };
    const merge = () =>
      fixture.debugElement.query(By.directive(PlanUnitMergeCard)).componentInstance as unknown as {
        patch(c: object): void;
      };
    return { fixture, page, stable, instance, posts, merge };
  }

  const history = (root: ParentNode) => [...root.querySelectorAll('.post-history > li')].map((li) => text(li));

  const rows = (page: HTMLElement) =>
    [...page.querySelectorAll('tr.role')].map((r) => [...r.querySelectorAll('td')].map((td) => text(td)));

  it('shows a reader each post of the first chain with its dates, and nothing to change', async () => {
    const { page, stable, instance } = await render(['leader']);
    expect(rows(page)).toEqual([
      ['包联领导', '王强', '—', '2026-06-30'],
      ['包联领导', '孙磊', '2026-07-01', '至今'],
      ['责任领导', '赵敏', '2025-01-01', '至今'],
      ['牵头单位', '市能源局', '—', '至今'],
      ['配合单位', '市工信局', '—', '至今'],
    ]);
    expect(page.querySelector('button.add-role')).toBeNull();
    expect(page.querySelector('button.end-role')).toBeNull();
    expect(page.querySelector('.rename-card')).toBeNull();

    // Who held the posts on a day, and another chain.
    type(page, '#roles-on', '2026-07-01');
    roles('clean-energy', '2026-07-01').flush([ROLES[1], ROLES[3]]);
    await stable();
    expect(rows(page).map((r) => r[1])).toEqual(['孙磊', '市能源局']);
    instance.setChain('metallurgy');
    roles('metallurgy', '2026-07-01').flush([]);
    await stable();
    expect(text(page.querySelector('.empty'))).toBe('2026-07-01该产业链无人在任');
  });

  it('shows a reader a leader’s posts over time, with nothing to change and no merge', async () => {
    const { page, stable, posts } = await render(['leader']);
    expect(text(page.querySelector('.posts-card .ant-card-head-title'))).toBe('领导职务');
    expect(page.querySelector('.merge-card')).toBeNull();
    posts().choose(12);
    backend.expectOne('/api/plans/people/12/posts').flush(POSTS);
    await stable();
    expect(history(page)).toEqual(['市发改委副主任 — ～ 2025-12-31', '市发改委主任 2026-01-01 ～ 至今 现任']);
    expect(page.querySelector('.posts-form')).toBeNull();
  });

  it('records a leader’s new post from a day, shows the API’s field errors, then the new history', async () => {
    const { page, stable, posts } = await render(['office']);
    expect(text(page.querySelector('.posts-card .ant-card-head-title'))).toBe('领导职务变动');
    expect(page.querySelector('.posts-form')).toBeNull();
    posts().choose(12);
    backend.expectOne('/api/plans/people/12/posts').flush(POSTS);
    await stable();
    expect(history(page)).toHaveLength(2);
    expect(page.querySelector<HTMLButtonElement>('button.posts-submit')?.disabled).toBe(true);

    // The same post, from a day before the current one began: both refused by the API.
    type(page, '#posts-position', '市发改委主任');
    type(page, '#posts-from', '2025-06-01');
    await stable();
    click(page, 'button.posts-submit');
    const refused = backend.expectOne('/api/plans/people/12/posts');
    expect(refused.request.method).toBe('POST');
    expect(refused.request.body).toEqual({ position: '市发改委主任', from: '2025-06-01' });
    refused.flush(
      ...unprocessable('新职务与现职务相同 / The new post is the current one', {
        position: ['新职务与现职务相同 / The new post is the current one'],
        from: ['任职日期应晚于现职务的起始日期（2026-01-01） / from must be after the current post began (2026-01-01)'],
      }),
    );
    await stable();
    expect(text(page.querySelector('.posts-card .position-error'))).toBe('新职务与现职务相同');
    expect(text(page.querySelector('.posts-card .from-error'))).toBe('任职日期应晚于现职务的起始日期（2026-01-01）');
    expect(page.querySelector('.posts-card .posts-error')).toBeNull();
    expect(history(page)).toHaveLength(2);

    type(page, '#posts-position', '  副市长 ');
    type(page, '#posts-from', '2026-07-01');
    await stable();
    expect(page.querySelector('.posts-card .position-error')).toBeNull();
    expect(page.querySelector('.posts-card .from-error')).toBeNull();
    click(page, 'button.posts-submit');
    const saved = backend.expectOne('/api/plans/people/12/posts');
    expect(saved.request.body).toEqual({ position: '副市长', from: '2026-07-01' });
    saved.flush([
      POSTS[0],
      { ...POSTS[1], validTo: '2026-06-30' },
      { position: '副市长', validFrom: '2026-07-01', validTo: null },
    ]);
    await stable();
    expect(history(page)).toEqual([
      '市发改委副主任 — ～ 2025-12-31',
      '市发改委主任 2026-01-01 ～ 2026-06-30',
      '副市长 2026-07-01 ～ 至今 现任',
    ]);
    expect(messages.success).toHaveBeenCalledWith('已登记赵敏任副市长，自2026-07-01起');
    expect(page.querySelector<HTMLInputElement>('#posts-position')?.value).toBe('');
    expect(text(page.querySelector('.posts-person .ant-select-selection-item'))).toBe('赵敏（副市长）');
  });

  it('merges a unit into another after a plain confirmation, and shows what passed on', async () => {
    const { page, stable, merge } = await render(['office']);
    expect(page.querySelector<HTMLButtonElement>('button.merge-submit')?.disabled).toBe(true);
    merge().patch({ unitId: 5, intoUnitId: 7 });
    type(page, '#merge-on', '2026-03-01');
    await stable();
    click(page, 'button.merge-submit');
    await stable();
    expect(text(document.querySelector('.ant-modal .confirm-lead'))).toBe('市能源局自2026-03-01起并入市发改委。');
    expect(text(document.querySelector('.ant-modal .confirm-text'))).toBe(
      '自该日起，该单位在各产业链的职责和重点任务转由并入单位承担，其用户账号转入并入单位，此前的月报仍保留在原单位名下。',
    );
    click(document, '.ant-modal button.merge-confirm');
    const refused = backend.expectOne('/api/plans/units/5/merge');
    expect(refused.request.method).toBe('POST');
    expect(refused.request.body).toEqual({ intoUnitId: 7, on: '2026-03-01' });
    refused.flush(
      ...unprocessable('该单位在合并日期之后还有新任职，请先调整 / The unit takes roles after that date; adjust them first', {
        on: ['该单位在合并日期之后还有新任职，请先调整 / The unit takes roles after that date; adjust them first'],
      }),
    );
    await stable();
    // Under the date, with the dialog closed, so the office can change it.
    expect(text(page.querySelector('.merge-card .on-error'))).toBe('该单位在合并日期之后还有新任职，请先调整');
    expect(page.querySelector('.merge-card .into-error')).toBeNull();

    // Another unit that is itself merged: named under 并入单位.
    merge().patch({ intoUnitId: 9 });
    type(page, '#merge-on', '2026-09-01');
    await stable();
    expect(page.querySelector('.merge-card .on-error')).toBeNull();
    click(page, 'button.merge-submit');
    await stable();
    click(document, '.ant-modal button.merge-confirm');
    const itself = backend.expectOne('/api/plans/units/5/merge');
    expect(itself.request.body).toEqual({ intoUnitId: 9, on: '2026-09-01' });
    itself.flush(...unprocessable('市工信局已并入其他单位 / That unit is itself merged', { intoUnitId: ['市工信局已并入其他单位 / That unit is itself merged'] }));
    await stable();
    expect(text(page.querySelector('.merge-card .into-error'))).toBe('市工信局已并入其他单位');

    merge().patch({ intoUnitId: 7 });
    await stable();
    click(page, 'button.merge-submit');
    await stable();
    click(document, '.ant-modal button.merge-confirm');
    backend
      .expectOne('/api/plans/units/5/merge')
      .flush({ id: 5, name: '市能源局', mergedInto: { id: 7, name: '市发改委' }, on: '2026-09-01', rolesPassed: 3, usersMoved: 2 });
    await stable();
    expect(text(page.querySelector('.merge-card .merged'))).toBe(
      '市能源局自2026-09-01起并入市发改委：3项产业链职责转由市发改委承担，2个用户账号已转入市发改委。',
    );
    expect(messages.success).toHaveBeenCalledWith('市能源局已并入市发改委');
    expect(page.querySelector<HTMLButtonElement>('button.merge-submit')?.disabled).toBe(true);
    // The unit's roles passed on: the page reads the units and the chain's roles again.
    backend.expectOne('/api/units').flush(UNITS);
    roles('clean-energy').flush(ROLES);
    await stable();
  });

  it('lets the office give a post from a day, and shows the API’s refusal of overlapping dates', async () => {
    const { page, stable, instance } = await render(['office']);
    click(page, 'button.add-role');
    await stable();
    instance.patchAdd({ role: 'liaison', personId: 12 });
    await stable();
    expect(document.querySelector<HTMLButtonElement>('.ant-modal button.save-role')?.disabled).toBe(true);
    expect(text(document.querySelector('.ant-modal .field-error'))).toBe('请选择起始日期');
    type(document, '#add-from', '2026-06-01');
    await stable();
    click(document, '.ant-modal button.save-role');
    const request = backend.expectOne('/api/plans/roles');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      chainCode: 'clean-energy',
      kind: 'leader',
      role: 'liaison',
      validFrom: '2026-06-01',
      personId: 12,
    });
    request.flush(
      {
        statusCode: 422,
        message: '包联领导任职日期与孙磊（2026-07-01起）重叠 / The liaison post is held by 孙磊 from 2026-07-01',
        errors: { validFrom: ['包联领导任职日期与孙磊（2026-07-01起）重叠 / overlap'] },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await stable();
    expect(text(document.querySelector('.ant-modal .add-error'))).toBe('包联领导任职日期与孙磊（2026-07-01起）重叠');

    // A unit as 牵头单位 with an end day.
    instance.patchAdd({ kind: 'unit', unitId: 7 });
    await stable();
    expect(document.querySelector('.ant-modal .add-person')).toBeNull();
    instance.patchAdd({ isLead: true });
    type(document, '#add-to', '2026-12-31');
    await stable();
    click(document, '.ant-modal button.save-role');
    const unit = backend.expectOne('/api/plans/roles');
    expect(unit.request.body).toEqual({
      chainCode: 'clean-energy',
      kind: 'unit',
      role: 'responsible',
      validFrom: '2026-06-01',
      validTo: '2026-12-31',
      unitId: 7,
      isLead: true,
    });
    unit.flush(role({ id: 9, kind: 'unit', role: 'responsible', isLead: true, unitId: 7, name: '市发改委', validFrom: '2026-06-01' }), {
      status: 201,
      statusText: 'Created',
    });
    await stable();
    expect(messages.success).toHaveBeenCalledWith('已登记市发改委任牵头单位');
    roles('clean-energy').flush(ROLES);
    await stable();
  });

  it('lets the office end a role on a day', async () => {
    const { page, stable } = await render(['office']);
    click(page, 'tr[data-role="leader-3"] button.end-role');
    await stable();
    expect(text(document.querySelector('.ant-modal .end-text'))).toBe('赵敏（责任领导）任职截止日期：');
    type(document, '#end-to', '2024-12-31');
    await stable();
    expect(text(document.querySelector('.ant-modal .field-error'))).toBe('截止日期不能早于起始日期');
    type(document, '#end-to', '2026-06-30');
    await stable();
    click(document, '.ant-modal button.save-end');
    const request = backend.expectOne('/api/plans/roles/leader/3');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ validTo: '2026-06-30', version: 1 });
    request.flush({ ...ROLES[4], validTo: '2026-06-30', version: 2 });
    await stable();
    expect(messages.success).toHaveBeenCalledWith('赵敏的任职截止日期已设为2026-06-30');
    roles('clean-energy').flush(ROLES);
    await stable();
  });

  it('keeps the end form open on a 409 and sends the current version next time', async () => {
    const { page, stable } = await render(['office']);
    click(page, 'tr[data-role="leader-3"] button.end-role');
    await stable();
    type(document, '#end-to', '2026-06-30');
    await stable();
    click(document, '.ant-modal button.save-end');
    backend.expectOne('/api/plans/roles/leader/3').flush(
      {
        statusCode: 409,
        message: '该任职记录已被他人修改，请刷新后再试 / Someone else changed this record; reload it and try again',
        current: { ...ROLES[4], validTo: '2026-03-31', version: 2 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    roles('clean-energy').flush(ROLES);
    await stable();
    expect(text(document.querySelector('.ant-modal .ant-alert, .ant-modal nz-alert'))).toContain('该任职记录已被他人修改');
    click(document, '.ant-modal button.save-end');
    const again = backend.expectOne('/api/plans/roles/leader/3');
    expect(again.request.body).toEqual({ validTo: '2026-06-30', version: 2 });
    again.flush({ ...ROLES[4], validTo: '2026-06-30', version: 3 });
    await stable();
    roles('clean-energy').flush(ROLES);
    await stable();
  });

  it('renames a unit from a day and shows its former name', async () => {
    const { page, stable, instance } = await render(['office']);
    expect(page.querySelector<HTMLButtonElement>('button.rename-submit')?.disabled).toBe(true);
    instance.patchRename({ unitId: 5 });
    type(page, '#rename-name', '市能源和新能源局');
    type(page, '#rename-from', '2026-07-01');
    await stable();
    click(page, 'button.rename-submit');
    const request = backend.expectOne('/api/plans/units/5/rename');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ name: '市能源和新能源局', from: '2026-07-01' });
    request.flush({ id: 5, name: '市能源和新能源局', formerNames: [{ name: '市能源局', validTo: '2026-06-30' }] });
    await stable();
    expect(text(page.querySelector('.renamed'))).toBe('现名称：市能源和新能源局；曾用名： 市能源局（至2026-06-30）');
    backend.expectOne('/api/units').flush(UNITS);
    roles('clean-energy').flush(ROLES);
    await stable();
  });
});
