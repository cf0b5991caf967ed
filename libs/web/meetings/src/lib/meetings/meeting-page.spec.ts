import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { CalendarOutline, EditOutline, FileTextOutline, PlusOutline, ReloadOutline } from '@ant-design/icons-angular/icons';
import type { Role } from '@crm/domain';
import { provideI18n } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { MEETING_ID, chains, currentUser, item, meeting, signIn, text, typeInto } from '../testing/meetings-fixtures';
import { MeetingPage } from './meeting-page';

interface ItemFormApi {
  projectId: { set(v: string | null): void };
  dueOn: { set(v: string): void };
  ownerUnitId: { set(v: number | null): void };
}

describe('MeetingPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideI18n(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([CalendarOutline, EditOutline, FileTextOutline, PlusOutline, ReloadOutline]),
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ id: MEETING_ID }) } } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render(roles: Role[] = ['staff']) {
    await signIn(backend, currentUser(roles));
    const fixture = TestBed.createComponent(MeetingPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    backend.expectOne(`/api/meetings/${MEETING_ID}`).flush(meeting());
    const items = backend.expectOne((r) => r.url === '/api/action-items');
    expect(items.request.params.get('meetingId')).toBe(MEETING_ID);
    expect(items.request.params.get('filter')).toBe('all');
    items.flush([item({ overdue: true, dueOn: '2025-03-01' }), item({ id: 'b2', status: 'done', text: '走访储能企业', doneAt: '2025-03-05T02:00:00.000Z' })]);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the meeting, its items with status and the overdue tag, and links to its pack', async () => {
    const { element } = await render(['leader']);
    expect(text(element.querySelector('h1'))).toBe('2025-03-10 月调度会');
    expect(text(element.querySelector('.page-subtitle'))).toBe('清洁能源产业链');
    expect(text(element.querySelector('.chair'))).toBe('王强');
    expect(text(element.querySelector('.minutes'))).toBe('会议要求加快光伏项目签约。');
    expect(element.querySelector('a.to-pack')?.getAttribute('href')).toBe(`/meetings/${MEETING_ID}/pack`);
    const rows = [...element.querySelectorAll('tr.item')];
    expect(rows.map((r) => text(r.querySelector('.status-tag')))).toEqual(['待办理', '已办结']);
    expect(text(rows[0].querySelector('.overdue-tag'))).toBe('逾期');
    expect(text(rows[0].querySelector('.owner-unit'))).toBe('市能源局');
    // A leader reads; they neither edit the meeting nor add items.
    expect(element.querySelector('a.edit')).toBeNull();
    expect(element.querySelector('button.new-item')).toBeNull();
  });

  it('adds an action item: the body the API takes, then the item in the list', async () => {
    const { fixture, element } = await render(['staff']);
    expect(element.querySelector('a.edit')?.getAttribute('href')).toBe(`/meetings/${MEETING_ID}/edit`);
    element.querySelector<HTMLButtonElement>('button.new-item')?.click();
    await fixture.whenStable();
    backend.expectOne('/api/units').flush([{ id: 5, name: '市能源局', kind: 'bureau', aliases: [] }]);
    const projects = backend.expectOne((r) => r.url === '/api/projects');
    expect(projects.request.params.get('chain')).toBe('clean-energy');
    projects.flush({ items: [{ id: 'p0000000-0000-4000-8000-000000000001', name: '光伏组件项目' }], total: 1, nextCursor: null });
    await fixture.whenStable();

    // Nothing is sent without the text and the due date.
    element.querySelector<HTMLButtonElement>('button.add-item')?.click();
    await fixture.whenStable();
    backend.expectNone(`/api/meetings/${MEETING_ID}/action-items`);
    expect([...element.querySelectorAll('.item-form .ant-form-item-explain-error')].map((e) => text(e))).toEqual([
      '请填写交办事项内容',
      '请选择办结期限',
    ]);

    typeInto(element, '#item-text', '协调光伏项目用地指标');
    const form = fixture.debugElement.query((d) => d.name === 'crm-action-item-form').componentInstance as ItemFormApi;
    form.projectId.set('p0000000-0000-4000-8000-000000000001');
    form.dueOn.set('2025-03-31');
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button.add-item')?.click();

    const post = backend.expectOne(`/api/meetings/${MEETING_ID}/action-items`);
    expect(post.request.body).toEqual({
      text: '协调光伏项目用地指标',
      projectId: 'p0000000-0000-4000-8000-000000000001',
      ownerUnitId: 5,
      ownerUserId: null,
      dueOn: '2025-03-31',
    });
    post.flush(item({ id: 'b3', text: '协调光伏项目用地指标', project: { id: 'p1', name: '光伏组件项目' } }));
    await fixture.whenStable();
    expect(element.querySelectorAll('tr.item')).toHaveLength(3);
    expect(element.querySelector('crm-action-item-form')).toBeNull();
  });

  it('marks a unit without user accounts up front, and says nobody was told after adding', async () => {
    const { fixture, element } = await render(['office']);
    element.querySelector<HTMLButtonElement>('button.new-item')?.click();
    await fixture.whenStable();
    backend.expectOne('/api/units').flush([
      { id: 5, name: '市能源局', kind: 'bureau', aliases: [] },
      { id: 9, name: '市文旅局', kind: 'bureau', aliases: [] },
    ]);
    backend.expectOne((r) => r.url === '/api/projects').flush({ items: [], total: 0, nextCursor: null });
    backend.expectOne('/api/users').flush([
      { id: 'u5', username: 'ny', displayName: '能源局专班', roles: ['staff'], unitId: 5, personId: null, active: true, lockedUntil: null, version: 1, createdAt: '', updatedAt: '' },
    ]);
    await fixture.whenStable();
    const form = fixture.debugElement.query((d) => d.name === 'crm-action-item-form').componentInstance as ItemFormApi & {
      unitsWithoutAccounts(): Set<number>;
    };
    expect([...form.unitsWithoutAccounts()]).toEqual([9]);
    form.ownerUnitId.set(5);
    await fixture.whenStable();
    expect(element.querySelector('.no-accounts')).toBeNull();
    form.ownerUnitId.set(9);
    await fixture.whenStable();
    expect(text(element.querySelector('.no-accounts'))).toContain('该单位尚无用户账号：添加后不会通知任何人');

    typeInto(element, '#item-text', '编制文旅项目清单');
    form.dueOn.set('2025-03-31');
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button.add-item')?.click();
    backend
      .expectOne(`/api/meetings/${MEETING_ID}/action-items`)
      .flush(item({ id: 'b4', ownerUnit: { id: 9, name: '市文旅局' }, ownerAccounts: 0, notified: 0 }));
    await fixture.whenStable();
    expect(text(document.querySelector('.ant-message'))).toContain('未通知任何人');
    expect(text(document.querySelector('.ant-message'))).not.toContain('已通知责任单位');
  });

  it('shows the API’s refusal of a new item and keeps the form', async () => {
    const { fixture, element } = await render(['staff']);
    element.querySelector<HTMLButtonElement>('button.new-item')?.click();
    await fixture.whenStable();
    backend.expectOne('/api/units').flush([{ id: 5, name: '市能源局', kind: 'bureau', aliases: [] }]);
    backend.expectOne((r) => r.url === '/api/projects').flush({ items: [], total: 0, nextCursor: null });
    typeInto(element, '#item-text', '协调用地');
    const form = fixture.debugElement.query((d) => d.name === 'crm-action-item-form').componentInstance as ItemFormApi;
    form.dueOn.set('2025-03-31');
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button.add-item')?.click();
    backend
      .expectOne(`/api/meetings/${MEETING_ID}/action-items`)
      .flush(
        { statusCode: 422, message: '交办事项涉及的项目应属于会议的产业链 / the project must belong…' },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await fixture.whenStable();
    expect(text(element.querySelector('.item-form .failure'))).toBe('交办事项涉及的项目应属于会议的产业链');
    expect(element.querySelector<HTMLTextAreaElement>('#item-text')?.value).toBe('协调用地');
  });

  it('explains a meeting that is not there (or not the user’s to see)', async () => {
    await signIn(backend, currentUser(['leader']));
    const fixture = TestBed.createComponent(MeetingPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    backend
      .expectOne(`/api/meetings/${MEETING_ID}`)
      .flush({ message: '没有找到该会议 / No meeting' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(text(element.querySelector('.ant-result-title'))).toBe('没有找到该会议');
    expect(element.querySelector('a[href="/meetings"]')).not.toBeNull();
  });
});
