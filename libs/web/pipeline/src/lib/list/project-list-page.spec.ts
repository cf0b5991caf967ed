import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ProjectPage } from '@crm/domain';
import { LeftOutline, PlusOutline, RightOutline, SearchOutline } from '@ant-design/icons-angular/icons';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { staffUser } from '../testing/pipeline-fixtures';
import { ProjectListPage } from './project-list-page';

const text = (element: Element | null | undefined): string =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A drill-down from a cockpit figure carries the figure's total, summed by the API (issue 19 §3). */
describe('ProjectListPage: a cockpit drill-down', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'projects', component: ProjectListPage }]),
        provideNzIcons([LeftOutline, PlusOutline, RightOutline, SearchOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(staffUser());
    await loaded;
  });

  async function render(url: string, page: ProjectPage) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ProjectListPage);
    // Reference lists (chains, units) answer empty, icons nothing: not what this spec is about.
    const others = () => {
      for (const r of backend.match((q) => q.url !== '/api/projects')) r.flush(r.request.url.endsWith('.svg') ? '' : []);
    };
    others();
    await harness.fixture.whenStable();
    const list = backend.expectOne((r) => r.url === '/api/projects');
    list.flush(page);
    await harness.fixture.whenStable();
    others();
    return { params: list.request.params, element: harness.routeNativeElement as HTMLElement };
  }

  it('shows the funds in place of the window as a total line, equal to the figure tapped', async () => {
    const { params, element } = await render('/projects?fundsFrom=2025-01&fundsTo=2025-06&status=all', {
      items: [],
      total: 12,
      sums: { funds: '150015.000000' },
      nextCursor: null,
    });
    expect(params.get('fundsFrom')).toBe('2025-01');
    expect(text(element.querySelector('.cockpit-scope .scope-total.funds'))).toBe(
      '到位资金合计 15亿元（12 个项目，与驾驶舱数字一致）',
    );
    expect(element.querySelector('.cockpit-scope .scope-total.signed')).toBeNull();
  });

  it('shows the signed amount of the window when opened from 签约额, and no total line otherwise', async () => {
    const { element } = await render('/projects?agreementFrom=2025-01-01&agreementTo=2025-06-25&status=all', {
      items: [],
      total: 3,
      sums: { signed: '26100.25' },
      nextCursor: null,
    });
    expect(text(element.querySelector('.cockpit-scope .scope-total.signed'))).toBe(
      '签约额合计 2.61亿元（3 个项目，与驾驶舱数字一致）',
    );
  });

  it('has no total line on a list not opened from a figure', async () => {
    const { element } = await render('/projects', { items: [], total: 0, nextCursor: null });
    expect(element.querySelector('.scope-total')).toBeNull();
  });
});
