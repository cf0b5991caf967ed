import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PlusOutline } from '@ant-design/icons-angular/icons';
import type { ChainRoleView, Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { PEOPLE, UNITS, chains, click, settle, signIn, text, type } from '../testing/plan-fixtures';
import { PlanRolesPage } from './plan-roles-page';

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
    ...overrides,
  };
}

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
    if (rolesOf.includes('office')) {
      backend.expectOne('/api/people').flush(PEOPLE);
      backend.expectOne('/api/units').flush(UNITS);
    }
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
    return { fixture, page, stable, instance };
  }

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
    expect(request.request.body).toEqual({ validTo: '2026-06-30' });
    request.flush({ ...ROLES[4], validTo: '2026-06-30' });
    await stable();
    expect(messages.success).toHaveBeenCalledWith('赵敏的任职截止日期已设为2026-06-30');
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
