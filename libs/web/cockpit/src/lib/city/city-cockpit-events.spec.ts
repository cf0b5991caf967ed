import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { cityView, officeUser } from '../testing/cockpit-fixtures';
import { setUp, text } from '../testing/render';
import { CityCockpitPage } from './city-cockpit-page';

/** 招商活动 of the year to the month on the totals card: the API's figure, as the roll-up prints it. */
describe('CityCockpitPage: 招商活动 totals', () => {
  let backend: HttpTestingController;
  afterEach(() => backend.verify());

  async function open(eventTotals: ReturnType<typeof cityView>['eventTotals']) {
    backend = await setUp([{ path: 'cockpit', component: CityCockpitPage }], officeUser());
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/cockpit?year=2025&month=6', CityCockpitPage);
    backend.expectOne((r) => r.url === '/api/cockpit').flush(cityView({ eventTotals }));
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  it('shows the events held, firms met, projects, signings and funds in place', async () => {
    const element = await open({
      from: '2025-01-01',
      to: '2025-06-25',
      events: 3,
      firmsMet: 12,
      contactsMet: 5,
      projects: 7,
      signedProjects: 2,
      signedAmount: '1433000',
      fundsInPlace: '824000',
    });
    expect(text(element.querySelector('.totals .events-line'))).toBe(
      '招商活动 举办3场，对接企业12家，引出项目7个，其中签约2个、143.3亿元，到位资金82.4亿元',
    );
  });

  it('shows nothing for an answer without the figure', async () => {
    const element = await open(undefined);
    expect(element.querySelector('.events-line')).toBeNull();
  });
});
