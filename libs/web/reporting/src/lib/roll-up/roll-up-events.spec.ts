import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { LockOutline, ReloadOutline, SyncOutline } from '@ant-design/icons-angular/icons';
import type { RollUpView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { rollUpRoutes } from '../routes';
import { currentUser, rollUpWithoutPlan } from '../testing/fixtures';

/** 招商活动 of the window on the roll-up page, beside 领导批示: the figures' own, as the Word file prints them. */
describe('RollUpPage: 招商活动 totals', () => {
  let backend: HttpTestingController;
  afterEach(() => backend.verify());

  async function open(view: RollUpView) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'roll-ups', children: rollUpRoutes }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([LockOutline, ReloadOutline, SyncOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser(['office']));
    await loaded;
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/roll-ups/2027-01');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/roll-ups/2027-01').flush(view);
    await navigation;
    await harness.fixture.whenStable();
    return harness.fixture.nativeElement as HTMLElement;
  }

  it('shows the window’s events with their results', async () => {
    const view = rollUpWithoutPlan();
    view.figures.eventTotals = {
      from: '2027-01-01',
      to: '2027-01-25',
      events: 1,
      firmsMet: 4,
      contactsMet: 2,
      projects: 3,
      signedProjects: 1,
      signedAmount: '50000',
      fundsInPlace: '0',
    };
    const page = await open(view);
    expect(page.querySelector('.city .events dt')?.textContent?.trim()).toBe('招商活动');
    expect(page.querySelector('.city .events dd')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '举办1场，对接企业4家，引出项目3个，其中签约1个、5亿元，到位资金0万元',
    );
  });

  it('older figures without it show no line', async () => {
    const page = await open(rollUpWithoutPlan());
    expect(page.querySelector('.city .events')).toBeNull();
  });
});
