import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { LockOutline, ReloadOutline, SyncOutline } from '@ant-design/icons-angular/icons';
import type { Role } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { rollUpRoutes } from '../routes';
import { currentUser, rollUpWithoutPlan as rollUp } from '../testing/fixtures';

describe('RollUpPage without a published plan', () => {
  let backend: HttpTestingController;

  async function open(roles: Role[]) {
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
    backend.expectOne('/api/auth/me').flush(currentUser(roles));
    await loaded;
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/roll-ups/2027-01');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/roll-ups/2027-01').flush(rollUp());
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    const text = (selector: string) => page.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return { page, text };
  }

  afterEach(() => backend.verify());

  it('says so plainly, links the office to the plan editor, and shows actuals only and no ranking', async () => {
    const { page, text } = await open(['office']);
    expect(text('crm-plan-missing .plan-missing-title')).toBe('2027年度工作方案尚未录入');
    expect(page.querySelector('crm-plan-missing a.plan-missing-edit')?.getAttribute('href')).toBe('/plan/2027');
    expect(text('.city .signed-ytd dd')).toBe('12亿元');
    // 领导批示 of the window, and how many the owners have answered.
    expect(text('.city .instructions dd')).toBe('3件（已回复2件，未回复1件）');
    expect(page.querySelector('.ranking nz-table')).toBeNull();
    expect(text('.ranking .ranking-none')).toBe('2027年度工作方案发布后，按年度目标完成率排名。');
    const cells = [...page.querySelectorAll('.sector-growth tr[data-sector="manufacturing"] td')].map((td) =>
      (td.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    expect(cells).toEqual(['制造业', '5000万元', '4000万元', '+25%', '—']);
    expect(text('.sector-growth .no-plan')).toBe('2027年度工作方案未发布，暂无分行业增长目标。');
  });

  it('tells a leader the office enters the plan, without the editor link', async () => {
    const { page, text } = await open(['leader']);
    expect(page.querySelector('crm-plan-missing a.plan-missing-edit')).toBeNull();
    expect(text('crm-plan-missing .plan-missing-ask')).toBe('年度目标由领导小组办公室录入并发布后生效。');
  });
});
