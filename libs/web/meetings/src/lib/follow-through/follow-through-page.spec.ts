import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ActionItemSummaryView } from '@crm/domain';
import { setUp, text, user } from '../pack/pack-testing';
import { FollowThroughPage } from './follow-through-page';

function byChain(): ActionItemSummaryView {
  return {
    by: 'chain',
    asOf: '2025-06-30',
    rows: [
      {
        chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
        unit: null,
        open: 5,
        overdue: 2,
        doneTotal: 7,
        completion: { due: 8, done: 6, rate: '75.00' },
      },
      {
        chain: { code: 'culture-tourism', nameZh: '文化旅游产业链' },
        unit: null,
        open: 0,
        overdue: 0,
        doneTotal: 0,
        completion: { due: 0, done: 0, rate: null },
      },
    ],
  };
}

function byUnit(): ActionItemSummaryView {
  return {
    by: 'unit',
    asOf: '2025-06-30',
    rows: [
      {
        chain: null,
        unit: { id: 5, name: '市能源局' },
        open: 3,
        overdue: 1,
        doneTotal: 2,
        completion: { due: 3, done: 2, rate: '66.67' },
      },
    ],
  };
}

describe('FollowThroughPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function ready(url = '/meetings/follow-through?asOf=2025-06-30') {
    backend = await setUp([{ path: 'meetings/follow-through', component: FollowThroughPage }], user(['office']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, FollowThroughPage);
    const req = backend.expectOne((r) => r.url === '/api/action-items/summary');
    expect(req.request.params.get('by')).toBe('chain');
    expect(req.request.params.get('asOf')).toBe('2025-06-30');
    req.flush(byChain());
    await harness.fixture.whenStable();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  it('shows open, overdue, done, due and the completion rate of each chain', async () => {
    const { element } = await ready();
    expect(text(element.querySelector('.ant-card-head-title'))).toBe('截至 2025-06-30');
    expect([...element.querySelectorAll('tr.summary-row')].map(text)).toEqual([
      '清洁能源产业链 5 2 7 8 75% (6/8)',
      '文化旅游产业链 0 0 0 0 —',
    ]);
  });

  it('links each chain to its items, the overdue count to the overdue ones', async () => {
    const { element } = await ready();
    const row = element.querySelector('tr[data-key="chain:clean-energy"]');
    expect(row?.querySelector('a.name')?.getAttribute('href')).toBe('/meetings/items?chain=clean-energy');
    expect(row?.querySelector('a.open')?.getAttribute('href')).toBe('/meetings/items?chain=clean-energy&filter=open');
    expect(row?.querySelector('a.overdue')?.getAttribute('href')).toBe(
      '/meetings/items?chain=clean-energy&filter=overdue',
    );
    // Nothing overdue: nothing to open.
    expect(element.querySelector('tr[data-key="chain:culture-tourism"] a.overdue')).toBeNull();
  });

  it('groups by unit on request, each unit linking by its id', async () => {
    const { harness, element } = await ready();
    const unit = [...element.querySelectorAll<HTMLElement>('label[nz-radio-button]')].find(
      (label) => text(label) === '按责任单位',
    );
    unit?.click();
    await harness.fixture.whenStable();
    const req = backend.expectOne((r) => r.url === '/api/action-items/summary');
    expect(req.request.params.get('by')).toBe('unit');
    expect(req.request.params.get('asOf')).toBe('2025-06-30');
    req.flush(byUnit());
    await harness.fixture.whenStable();

    const row = element.querySelector('tr[data-key="unit:5"]');
    expect(text(row)).toBe('市能源局 3 1 2 3 66.67% (2/3)');
    expect(row?.querySelector('a.name')?.getAttribute('href')).toBe('/meetings/items?unitId=5&unitName=%E5%B8%82%E8%83%BD%E6%BA%90%E5%B1%80');
    expect(row?.querySelector('a.overdue')?.getAttribute('href')).toBe('/meetings/items?unitId=5&unitName=%E5%B8%82%E8%83%BD%E6%BA%90%E5%B1%80&filter=overdue');
  });

  it('says in words when the summary fails, and tries again', async () => {
    backend = await setUp([{ path: 'meetings/follow-through', component: FollowThroughPage }], user(['leader']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/meetings/follow-through', FollowThroughPage);
    const first = backend.expectOne((r) => r.url === '/api/action-items/summary');
    expect(first.request.params.has('asOf')).toBe(false);
    first.flush({}, { status: 0, statusText: 'Unknown Error' });
    await harness.fixture.whenStable();
    const element = harness.routeNativeElement as HTMLElement;
    expect(text(element.querySelector('.ant-result-subtitle'))).toBe('无法连接服务器，请检查网络后重试。');
    element.querySelector<HTMLButtonElement>('button.retry')?.click();
    await harness.fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/action-items/summary').flush(byChain());
    await harness.fixture.whenStable();
    expect(element.querySelectorAll('tr.summary-row').length).toBe(2);
  });
});
