import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { CheckOutline, LockOutline, ReloadOutline, SyncOutline } from '@ant-design/icons-angular/icons';
import type { Role, RollUpPublicationSummary, RollUpPublicationView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { bulletinRoutes, rollUpRoutes } from '../routes';
import { currentUser, rollUpWithoutPlan } from '../testing/fixtures';

const ID = 'b0000000-0000-4000-8000-000000000001';

function summary(): RollUpPublicationSummary {
  return {
    id: ID,
    period: '2027-01',
    seq: 1,
    rollUpVersion: 3,
    documentNumber: '格招商办〔2027〕1号',
    publishedAt: '2027-02-03T02:00:00.000Z',
    publishedBy: { id: 'o1', name: '王办' },
  };
}

function published(): RollUpPublicationView {
  const draft = rollUpWithoutPlan();
  return {
    ...summary(),
    narrative: '一、总体情况（发布稿）',
    figures: draft.figures,
    files: [
      { format: 'docx', fileName: '2027年1月招商引资工作汇总报告.docx', downloadUrl: `/api/roll-up-publications/${ID}/files/docx` },
      { format: 'xlsx', fileName: '2027年1月招商引资工作汇总报告.xlsx', downloadUrl: `/api/roll-up-publications/${ID}/files/xlsx` },
    ],
  };
}

describe('月通报: the published bulletins and the office’s 发布', () => {
  let backend: HttpTestingController;

  async function signIn(roles: Role[]) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'bulletins', children: bulletinRoutes },
          { path: 'roll-ups', children: rollUpRoutes },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([CheckOutline, LockOutline, ReloadOutline, SyncOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(currentUser(roles));
    await loaded;
    return RouterTestingHarness.create();
  }

  const textOf = (page: HTMLElement) => (selector: string) =>
    page.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => backend.verify());

  it('shows a unit staff the newest published bulletin, read-only, with its Word and Excel files', async () => {
    const harness = await signIn(['staff']);
    const navigation = harness.navigateByUrl('/bulletins');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/roll-up-publications').flush([summary()]);
    backend.expectOne(`/api/roll-up-publications/${ID}`).flush(published());
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    const text = textOf(page);
    expect(text('.narrative-text')).toBe('一、总体情况（发布稿）');
    expect(page.querySelector('textarea')).toBeNull();
    expect(text('.meta')).toContain('格招商办〔2027〕1号');
    const files = [...page.querySelectorAll<HTMLAnchorElement>('a.file')].map((a) => [
      a.getAttribute('data-format'),
      a.getAttribute('href'),
    ]);
    expect(files).toEqual([
      ['docx', `/api/roll-up-publications/${ID}/files/docx`],
      ['xlsx', `/api/roll-up-publications/${ID}/files/xlsx`],
    ]);
    // Nothing to publish or rebuild here.
    expect(page.querySelector('button.publish, button.rebuild')).toBeNull();
  });

  it('says so when nothing is published yet', async () => {
    const harness = await signIn(['staff']);
    const navigation = harness.navigateByUrl('/bulletins');
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/roll-up-publications').flush([]);
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    expect(page.textContent).toContain('暂无已发布的月通报');
  });

  it('lets the office publish the roll-up as read, naming its version', async () => {
    const harness = await signIn(['office']);
    const navigation = harness.navigateByUrl('/roll-ups/2027-01');
    await new Promise((resolve) => setTimeout(resolve));
    const draft = { ...rollUpWithoutPlan(), version: 3 };
    backend.expectOne('/api/roll-ups/2027-01').flush(draft);
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    const button = page.querySelector<HTMLButtonElement>('button.publish');
    expect(button?.textContent).toContain('发布');
    expect(button?.disabled).toBe(false);
    button?.click();
    harness.fixture.detectChanges();
    await harness.fixture.whenStable();
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-popover-buttons button, .ant-popconfirm-buttons button')].find(
      (b) => b.textContent?.includes('发布'),
    );
    expect(ok).toBeDefined();
    ok?.click();
    const post = backend.expectOne('/api/roll-up-publications');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ period: '2027-01', version: 3 });
    post.flush(published());
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/roll-ups/2027-01').flush({ ...draft, publications: [summary()] });
    await harness.fixture.whenStable();
    expect(page.querySelector('a.publication')?.getAttribute('href')).toBe(`/bulletins/${ID}`);
  });

  it('does not offer 发布 on an out-of-date roll-up, and says why', async () => {
    const harness = await signIn(['office']);
    const navigation = harness.navigateByUrl('/roll-ups/2027-01');
    await new Promise((resolve) => setTimeout(resolve));
    backend
      .expectOne('/api/roll-ups/2027-01')
      .flush({ ...rollUpWithoutPlan(), staleSince: '2027-02-01T02:00:00.000Z' });
    await navigation;
    await harness.fixture.whenStable();
    const page = harness.fixture.nativeElement as HTMLElement;
    expect(page.querySelector<HTMLButtonElement>('button.publish')?.disabled).toBe(true);
    expect(textOf(page)('.stale')).toContain('2027-02-01 10:00 起有月报提交或退回，本汇总报告已过期');
  });
});
