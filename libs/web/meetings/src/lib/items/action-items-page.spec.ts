import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { ReloadOutline } from '@ant-design/icons-angular/icons';
import type { Role } from '@crm/domain';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { ITEM_ID, chains, currentUser, item, signIn, text, typeInto } from '../testing/meetings-fixtures';
import { ActionItemsPage } from './action-items-page';

describe('ActionItemsPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideNzIcons([ReloadOutline])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
    backend.verify();
  });

  async function render(roles: Role[]) {
    await signIn(backend, currentUser(roles));
    const fixture = TestBed.createComponent(ActionItemsPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    const settle = async () => {
      await fixture.whenStable();
      await new Promise((r) => setTimeout(r, 50));
      await fixture.whenStable();
    };
    return { fixture, element: fixture.nativeElement as HTMLElement, settle };
  }

  const list = (): TestRequest => backend.expectOne((r) => r.url === '/api/action-items');
  const click = (selector: string, root: ParentNode = document) =>
    root.querySelector<HTMLElement>(selector)?.click();

  it('shows staff their unit’s open items by default, overdue ones with a red tag', async () => {
    const { fixture, element } = await render(['staff']);
    const first = list();
    expect(first.request.params.get('unitId')).toBe('5');
    expect(first.request.params.get('filter')).toBe('open');
    expect(first.request.params.has('chain')).toBe(false);
    first.flush([
      item({ overdue: true, dueOn: '2025-03-01' }),
      item({ id: 'b2', status: 'in-progress', text: '对接储能企业', ownerUser: { id: 'u9', displayName: '张华' } }),
    ]);
    await fixture.whenStable();

    const rows = [...element.querySelectorAll('tr.item')];
    expect(rows).toHaveLength(2);
    expect(text(rows[0].querySelector('.overdue-tag'))).toBe('逾期');
    expect(rows[0].querySelector('.overdue-tag')?.classList).toContain('ant-tag-red');
    expect(rows[1].querySelector('.overdue-tag')).toBeNull();
    expect(text(rows[0].querySelector('.status-tag'))).toBe('待办理');
    expect(text(rows[1].querySelector('.status-tag'))).toBe('办理中');
    expect(text(rows[1].querySelector('.owner-user'))).toBe('张华');
    expect(text(rows[0].querySelector('.meeting-link'))).toBe('2025-03-10 月调度会');
    // Open: start or close; in progress: close only.
    expect(rows[0].querySelector('button.start')).not.toBeNull();
    expect(rows[1].querySelector('button.start')).toBeNull();
    expect(rows[1].querySelector('button.close-item')).not.toBeNull();
  });

  it('opens with the follow-through page’s unit and filter, and the unit can be cleared', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([ReloadOutline]),
        {
          provide: ActivatedRoute,
          useValue: { snapshot: { queryParamMap: convertToParamMap({ unitId: '12', unitName: '市发改委', filter: 'overdue' }) } },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const { fixture, element } = await render(['staff']);
    const first = list();
    expect(first.request.params.get('unitId')).toBe('12');
    expect(first.request.params.get('filter')).toBe('overdue');
    first.flush([]);
    await fixture.whenStable();
    expect(text(element.querySelector('.unit-filter'))).toContain('责任单位：市发改委');

    (fixture.componentInstance as unknown as { clearUnitFilter(): void }).clearUnitFilter();
    const cleared = list();
    expect(cleared.request.params.has('unitId')).toBe(false);
    expect(cleared.request.params.get('filter')).toBe('overdue');
    cleared.flush([]);
  });

  it('filters by chain, overdue or all, and widens to every item the user may see', async () => {
    const { fixture, element } = await render(['staff']);
    list().flush([]);
    await fixture.whenStable();
    expect(text(element.querySelector('.empty'))).toContain('没有未办结的交办事项');

    const page = fixture.componentInstance as unknown as {
      setChain(c: string | null): void;
      setFilter(f: string): void;
      setScope(s: string): void;
    };
    page.setFilter('overdue');
    let request = list();
    expect(request.request.params.get('filter')).toBe('overdue');
    request.flush([]);
    await fixture.whenStable();
    expect(text(element.querySelector('.empty'))).toContain('没有逾期的交办事项');

    page.setChain('clean-energy');
    request = list();
    expect(request.request.params.get('chain')).toBe('clean-energy');
    expect(request.request.params.get('unitId')).toBe('5');
    request.flush([]);

    page.setScope('all');
    request = list();
    expect(request.request.params.has('unitId')).toBe(false);
    expect(request.request.params.get('chain')).toBe('clean-energy');
    request.flush([item()]);
    await fixture.whenStable();
    expect(element.querySelectorAll('tr.item')).toHaveLength(1);
  });

  it('starts an item: POST status in-progress', async () => {
    const { fixture, element } = await render(['staff']);
    list().flush([item()]);
    await fixture.whenStable();
    click('button.start', element);
    const move = backend.expectOne(`/api/action-items/${ITEM_ID}/status`);
    expect(move.request.method).toBe('POST');
    expect(move.request.body).toEqual({ status: 'in-progress', version: 1 });
    move.flush(item({ status: 'in-progress' }));
    await fixture.whenStable();
    expect(text(element.querySelector('tr.item .status-tag'))).toBe('办理中');
    expect(element.querySelector('tr.item button.start')).toBeNull();
  });

  it('refuses to close an item without a note, and with one sends {status: done, note}', async () => {
    const { element, settle } = await render(['staff']);
    list().flush([item({ status: 'in-progress' })]);
    await settle();

    click('button.close-item', element);
    await settle();
    expect(text(document.querySelector('.ant-modal-title'))).toBe('办结交办事项');
    click('button.confirm-dialog');
    await settle();
    // Nothing is sent; the field says why.
    backend.expectNone(`/api/action-items/${ITEM_ID}/status`);
    expect(text(document.querySelector('.ant-modal-body .ant-form-item-explain-error'))).toBe(
      '办结交办事项需填写办理情况',
    );

    typeInto(document, 'textarea.dialog-text', '  已协调市自然资源局落实用地指标  ');
    await settle();
    click('button.confirm-dialog');
    const move = backend.expectOne(`/api/action-items/${ITEM_ID}/status`);
    expect(move.request.body).toEqual({ status: 'done', note: '已协调市自然资源局落实用地指标', version: 1 });
    move.flush(
      item({
        status: 'done',
        doneNote: '已协调市自然资源局落实用地指标',
        doneAt: '2025-03-20T02:00:00.000Z',
        notes: [
          {
            id: 'n1',
            text: '已协调市自然资源局落实用地指标',
            status: 'done',
            author: { id: 'c1', displayName: '李明' },
            createdAt: '2025-03-20T02:00:00.000Z',
          },
        ],
      }),
    );
    await settle();
    const row = element.querySelector('tr.item');
    expect(text(row?.querySelector('.status-tag'))).toBe('已办结');
    expect(text(row?.querySelector('.done-at'))).toBe('2025-03-20 办结');
    expect(row?.querySelector('button.close-item')).toBeNull();
  });

  it('keeps the note and shows the API’s message when closing fails', async () => {
    const { element, settle } = await render(['staff']);
    list().flush([item()]);
    await settle();
    click('button.close-item', element);
    await settle();
    typeInto(document, 'textarea.dialog-text', '已办理');
    await settle();
    click('button.confirm-dialog');
    backend
      .expectOne(`/api/action-items/${ITEM_ID}/status`)
      .flush(
        { statusCode: 403, message: '只有责任单位、责任人或市招商办可以更新交办事项 / Only the owner unit…' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle();
    expect(text(document.querySelector('.dialog-error'))).toContain('只有责任单位、责任人或市招商办可以更新交办事项');
    expect(document.querySelector<HTMLTextAreaElement>('textarea.dialog-text')?.value).toBe('已办理');
  });

  it('shows the item as someone else left it when closing meets a newer version (409), keeping the note', async () => {
    const { element, settle } = await render(['staff']);
    list().flush([item()]);
    await settle();
    click('button.close-item', element);
    await settle();
    typeInto(document, 'textarea.dialog-text', '已办理');
    await settle();
    click('button.confirm-dialog');
    backend.expectOne(`/api/action-items/${ITEM_ID}/status`).flush(
      {
        statusCode: 409,
        message: '该交办事项已被他人修改，请刷新后再试 / Someone else changed this record; reload it and try again',
        current: item({ status: 'in-progress', version: 2 }),
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text(document.querySelector('.dialog-error'))).toContain('该交办事项已被他人修改，请刷新后再试');
    expect(text(element.querySelector('tr.item .status-tag'))).toBe('办理中');
    expect(document.querySelector<HTMLTextAreaElement>('textarea.dialog-text')?.value).toBe('已办理');
    // Confirming again sends the version now shown.
    click('button.confirm-dialog');
    const retry = backend.expectOne(`/api/action-items/${ITEM_ID}/status`);
    expect(retry.request.body).toEqual({ status: 'done', note: '已办理', version: 2 });
  });

  it('adds a progress note and shows the history', async () => {
    const { element, settle } = await render(['staff']);
    list().flush([item()]);
    await settle();
    click('button.add-note', element);
    await settle();
    expect(text(document.querySelector('.ant-modal-title'))).toBe('填写进展情况');
    typeInto(document, 'textarea.dialog-text', '已与企业对接两次');
    await settle();
    click('button.confirm-dialog');
    const note = backend.expectOne(`/api/action-items/${ITEM_ID}/notes`);
    expect(note.request.body).toEqual({ text: '已与企业对接两次' });
    note.flush(
      item({
        notes: [
          { id: 'n1', text: '已与企业对接两次', status: null, author: { id: 'c1', displayName: '李明' }, createdAt: '2025-03-12T02:00:00.000Z' },
        ],
      }),
    );
    await settle();
    click('tr.item .ant-table-row-expand-icon', element);
    await settle();
    const note2 = element.querySelector('.note');
    expect(text(note2?.querySelector('.note-when'))).toBe('2025-03-12 10:00');
    expect(text(note2?.querySelector('.note-author'))).toBe('李明');
    expect(text(note2?.querySelector('.note-text'))).toBe('已与企业对接两次');
  });

  it('offers a leader no moves on items they do not own', async () => {
    const { fixture, element } = await render(['leader']);
    const request = list();
    expect(request.request.params.has('unitId')).toBe(false);
    request.flush([item()]);
    await fixture.whenStable();
    expect(element.querySelector('tr.item .actions')).toBeNull();
  });
});
