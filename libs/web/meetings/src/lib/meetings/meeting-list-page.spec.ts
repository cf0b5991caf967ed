import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PlusOutline, ReloadOutline } from '@ant-design/icons-angular/icons';
import type { Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { MEETING_ID, chains, currentUser, meeting, signIn, text } from '../testing/meetings-fixtures';
import { MeetingListPage } from './meeting-list-page';

describe('MeetingListPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([PlusOutline, ReloadOutline]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render(roles: Role[]) {
    await signIn(backend, currentUser(roles));
    const fixture = TestBed.createComponent(MeetingListPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const meetings = (chain?: string) =>
    backend.expectOne((r) => r.url === '/api/meetings' && (r.params.get('chain') ?? undefined) === chain);

  it('lists the meetings, latest first as the API sends them, with their open and overdue items', async () => {
    const { fixture, element } = await render(['staff']);
    meetings().flush([
      meeting(),
      meeting({
        id: 'a0000000-0000-4000-8000-000000000002',
        kind: 'joint',
        heldOn: '2025-02-20',
        chains: [
          { code: 'clean-energy', nameZh: '清洁能源产业链' },
          { code: 'salt-lake-chemical', nameZh: '盐湖化工产业链' },
        ],
        chair: { personId: null, name: '刘副秘书长' },
        openItems: 0,
        overdueItems: 0,
      }),
    ]);
    await fixture.whenStable();

    const rows = [...element.querySelectorAll('tr.meeting')];
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => text(td)))).toEqual([
      ['2025-03-10', '月调度会', '清洁能源产业链', '王强', '未办结 2 项逾期 1 项'],
      ['2025-02-20', '联席会议', '清洁能源产业链、盐湖化工产业链', '刘副秘书长', '无未办结事项'],
    ]);
    expect(rows[0].querySelector('.overdue-count')?.classList).toContain('ant-tag-red');
    expect(rows[0].querySelector('a.open-meeting')?.getAttribute('href')).toBe(`/meetings/${MEETING_ID}`);
    // Staff of a chain's unit record meetings; the related pages are one click away.
    expect(text(element.querySelector('a.record'))).toBe('登记会议');
    expect(
      [...element.querySelectorAll('.header-links a')].map((a) => a.getAttribute('href')),
    ).toEqual(['/meetings/schedule', '/meetings/follow-through', '/meetings/digest', '/meetings/items', '/meetings/new']);
  });

  it('asks the API for one chain and picks out a kind here', async () => {
    const { fixture, element } = await render(['office']);
    meetings().flush([meeting()]);
    await fixture.whenStable();

    const page = fixture.componentInstance as unknown as {
      setChain(c: string | null): void;
      setKind(k: string | null): void;
    };
    page.setChain('salt-lake-chemical');
    await fixture.whenStable();
    meetings('salt-lake-chemical').flush([
      meeting({ kind: 'quarterly-review', chains: [{ code: 'salt-lake-chemical', nameZh: '盐湖化工产业链' }] }),
      meeting({ id: 'x2', kind: 'monthly-dispatch', chains: [{ code: 'salt-lake-chemical', nameZh: '盐湖化工产业链' }] }),
    ]);
    await fixture.whenStable();
    expect(element.querySelectorAll('tr.meeting')).toHaveLength(2);

    page.setKind('quarterly-review');
    await fixture.whenStable();
    expect([...element.querySelectorAll('tr.meeting .kind')].map((td) => text(td))).toEqual(['季度推进会']);

    page.setKind('annual-summary');
    await fixture.whenStable();
    expect(text(element.querySelector('.empty'))).toContain('没有符合筛选条件的会议');
  });

  it('offers a leader no record button, and explains an empty list', async () => {
    const { fixture, element } = await render(['leader']);
    meetings().flush([]);
    await fixture.whenStable();
    expect(element.querySelector('a.record')).toBeNull();
    expect(text(element.querySelector('.empty'))).toContain('您可查看的产业链暂无会议记录');
  });

  it('says 无权查看 in the API’s words with a way back on a 403, and offers a retry for other failures', async () => {
    const { fixture, element } = await render(['staff']);
    meetings().flush({ message: '您无权查看产业链 盐湖化工 / You may not read the chain' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(text(element.querySelector('.ant-result-title'))).toBe('无权查看');
    expect(text(element.querySelector('.ant-result-subtitle'))).toBe('您无权查看产业链 盐湖化工');
    expect(element.querySelector('a.back')).not.toBeNull();
    expect(element.querySelector('button.retry')).toBeNull();

    (fixture.componentInstance as unknown as { load(): void }).load();
    meetings().flush({ message: '服务暂时不可用 / Service unavailable' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(text(element.querySelector('.ant-result-subtitle'))).toBe('服务暂时不可用');
    element.querySelector<HTMLButtonElement>('button.retry')?.click();
    await fixture.whenStable();
    meetings().flush([]);
  });
});
