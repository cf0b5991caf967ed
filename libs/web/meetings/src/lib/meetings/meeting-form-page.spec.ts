import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { CalendarOutline, ReloadOutline } from '@ant-design/icons-angular/icons';
import type { Role } from '@crm/domain';
import { provideI18n } from '@crm/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { MEETING_ID, chains, currentUser, meeting, signIn, text, typeInto } from '../testing/meetings-fixtures';
import { MeetingFormPage } from './meeting-form-page';

interface FormApi {
  set(key: string, value: unknown): void;
  setKind(kind: string): void;
  setChain(chain: string | null): void;
  typingAttendee(text: string): void;
}

describe('MeetingFormPage', () => {
  let backend: HttpTestingController;

  function setup(id: string | null) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideI18n(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIcons([CalendarOutline, ReloadOutline]),
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap(id ? { id } : {}) } } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  }

  afterEach(() => backend.verify());

  async function render(roles: Role[] = ['staff']) {
    await signIn(backend, currentUser(roles));
    const fixture = TestBed.createComponent(MeetingFormPage);
    await fixture.whenStable();
    backend.expectOne('/api/chains').flush(chains());
    backend.expectOne('/api/units').flush([
      { id: 5, name: '市能源局', kind: 'bureau', aliases: [] },
      { id: 7, name: '市发改委', kind: 'committee', aliases: [] },
    ]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, form: fixture.componentInstance as unknown as FormApi };
  }

  const submit = (element: HTMLElement) => element.querySelector<HTMLButtonElement>('button.save')?.click();

  it('says in Chinese what is missing and sends nothing', async () => {
    setup(null);
    const { fixture, element, form } = await render(['office']);
    form.set('heldOn', '');
    await fixture.whenStable();
    submit(element);
    await fixture.whenStable();
    backend.expectNone('/api/meetings');
    const errors = [...element.querySelectorAll('.ant-form-item-explain-error')].map((e) => text(e));
    expect(errors).toEqual(['请选择会议日期', '请选择会议所属产业链', '请选择主持人或填写主持人姓名']);
  });

  it('records a monthly meeting of the staff member’s chain: the body the API takes', async () => {
    setup(null);
    const { fixture, element, form } = await render(['staff']);
    // The one chain the unit serves is chosen for them.
    expect(text(element.querySelector('#meeting-chains')?.closest('nz-select'))).toContain('清洁能源产业链');
    form.set('heldOn', '2025-03-10');
    form.set('chairPersonId', 11);
    form.set('attendingUnitIds', [5, 7]);
    form.set('attendees', ['李明', ' 张华 ']);
    // A name typed but not confirmed with Enter is kept, not dropped.
    form.typingAttendee('王强');
    await fixture.whenStable();
    typeInto(element, '#meeting-agenda', '一、通报项目进展');
    typeInto(element, '#meeting-minutes', '会议要求加快光伏项目签约。');
    await fixture.whenStable();
    submit(element);

    const post = backend.expectOne('/api/meetings');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      kind: 'monthly-dispatch',
      heldOn: '2025-03-10',
      chains: ['clean-energy'],
      chairPersonId: 11,
      chairName: null,
      attendingUnitIds: [5, 7],
      attendees: ['李明', '张华', '王强'],
      agenda: '一、通报项目进展',
      minutes: '会议要求加快光伏项目签约。',
    });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    post.flush(meeting());
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/meetings', MEETING_ID]);
  });

  it('shows the API’s 422 message and keeps what was written', async () => {
    setup(null);
    const { fixture, element, form } = await render(['office']);
    form.setKind('joint');
    form.set('chains', ['clean-energy', 'salt-lake-chemical']);
    await fixture.whenStable();
    typeInto(element, '#meeting-chair-name', '刘副秘书长');
    await fixture.whenStable();
    submit(element);

    const post = backend.expectOne('/api/meetings');
    expect(post.request.body).toMatchObject({
      kind: 'joint',
      chains: ['clean-energy', 'salt-lake-chemical'],
      chairPersonId: null,
      chairName: '刘副秘书长',
    });
    post.flush(
      { statusCode: 422, message: '没有编号为 99 的单位 / no unit 99' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(text(element.querySelector('.failure'))).toBe('没有编号为 99 的单位');
    expect(element.querySelector<HTMLInputElement>('#meeting-chair-name')?.value).toBe('刘副秘书长');
    expect(element.querySelector('button.save')?.hasAttribute('disabled')).toBe(false);
  });

  it('keeps one chain when a joint meeting becomes a monthly one', async () => {
    setup(null);
    const { fixture, element, form } = await render(['office']);
    form.setKind('joint');
    form.set('chains', ['clean-energy', 'salt-lake-chemical']);
    form.setKind('monthly-dispatch');
    form.set('chairName', '王强');
    await fixture.whenStable();
    submit(element);
    const post = backend.expectOne('/api/meetings');
    expect(post.request.body.chains).toEqual(['clean-energy']);
    post.flush(meeting());
  });

  it('edits a meeting: filled in from the API, saved with PATCH', async () => {
    setup(MEETING_ID);
    const { fixture, element } = await render(['staff']);
    backend.expectOne(`/api/meetings/${MEETING_ID}`).flush(meeting({ chair: { personId: null, name: '刘副秘书长' } }));
    await fixture.whenStable();
    expect(text(element.querySelector('h1'))).toBe('编辑会议');
    expect(element.querySelector<HTMLInputElement>('#meeting-chair-name')?.value).toBe('刘副秘书长');
    expect(element.querySelector<HTMLTextAreaElement>('#meeting-minutes')?.value).toBe('会议要求加快光伏项目签约。');
    submit(element);
    const patch = backend.expectOne(`/api/meetings/${MEETING_ID}`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toMatchObject({ heldOn: '2025-03-10', chains: ['clean-energy'], chairName: '刘副秘书长' });
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    patch.flush(meeting());
  });

  it('sends the version it read; on 409 shows the message and offers to load the meeting as saved', async () => {
    setup(MEETING_ID);
    const { fixture, element } = await render(['staff']);
    backend.expectOne(`/api/meetings/${MEETING_ID}`).flush(meeting({ version: 4 }));
    await fixture.whenStable();
    submit(element);
    const patch = backend.expectOne(`/api/meetings/${MEETING_ID}`);
    expect(patch.request.body.version).toBe(4);
    patch.flush(
      { statusCode: 409, message: '该会议已被他人修改，请刷新后再试 / Someone else changed this record', current: meeting({ version: 5 }) },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(text(element.querySelector('.failure'))).toContain('该会议已被他人修改，请刷新后再试');
    element.querySelector<HTMLButtonElement>('button.reload-stale')?.click();
    const reload = backend.expectOne(`/api/meetings/${MEETING_ID}`);
    expect(reload.request.method).toBe('GET');
    reload.flush(meeting({ version: 5, minutes: '他人修改后的纪要' }));
    await fixture.whenStable();
    expect(element.querySelector<HTMLTextAreaElement>('#meeting-minutes')?.value).toBe('他人修改后的纪要');
    expect(element.querySelector('button.reload-stale')).toBeNull();
  });

  it('tells a leader that meetings are recorded by staff or the office', async () => {
    setup(null);
    const { element } = await render(['leader']);
    expect(text(element.querySelector('.ant-result-title'))).toBe('您无权登记会议');
    expect(element.querySelector('form')).toBeNull();
  });
});
