import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUserView, InstructionView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { InstructionsPanel, shanghaiDateTime } from './instructions-panel';

const PROJECT = 'p0000000-0000-4000-8000-000000000001';
const OWNER = 'u0000000-0000-4000-8000-000000000001';
const LEADER = 'u0000000-0000-4000-8000-000000000002';
const OFFICE = 'u0000000-0000-4000-8000-000000000003';

function user(id: string, roles: CurrentUserView['roles'], editable: CurrentUserView['editableChainCodes'] = []): CurrentUserView {
  return {
    id,
    username: id,
    displayName: id === OWNER ? '王负责' : id === LEADER ? '徐进' : '办公室',
    roles,
    unit: null,
    person: null,
    chainCodes: ['metallurgy'],
    editableChainCodes: editable,
    mustChangePassword: false,
  };
}

function instruction(overrides: Partial<InstructionView> = {}): InstructionView {
  return {
    id: 'i0000000-0000-4000-8000-000000000001',
    project: { id: PROJECT, name: '冶金项目' },
    text: '请本周内报告用地进展。',
    author: { id: LEADER, displayName: 'leader-xu' },
    personName: '徐进',
    createdAt: '2040-09-10T02:00:00.000Z',
    readAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    repliedAt: null,
    replies: [],
    version: 1,
    ...overrides,
  };
}

/** Lets the panel's awaited answers land and the view follow. */
async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('InstructionsPanel', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(me: CurrentUserView) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(me);
    await loaded;
    const fixture = TestBed.createComponent(InstructionsPanel);
    fixture.componentRef.setInput('projectId', PROJECT);
    fixture.componentRef.setInput('ownerId', OWNER);
    fixture.componentRef.setInput('chain', 'metallurgy');
    fixture.detectChanges();
    await new Promise((r) => setTimeout(r, 0)); // the list's request goes out
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('marks the instructions read when the owner opens the page, then acknowledges and replies with the version read', async () => {
    const { fixture, element } = await render(user(OWNER, ['staff'], ['metallurgy']));
    const opened = backend.expectOne(`/api/projects/${PROJECT}/instructions/opened`);
    expect(opened.request.method).toBe('POST');
    opened.flush([instruction({ readAt: '2040-09-10T02:01:00.000Z' })]);
    await settle(fixture);
    expect(text(element.querySelector('.instruction .who'))).toBe('徐进');
    expect(text(element.querySelector('.progress .read'))).toBe('负责人 2040-09-10 10:01 已读');
    expect(text(element.querySelector('.progress .replied'))).toBe('未回复');
    expect(text(element.querySelector('.open-count'))).toBe('1 件待回复');
    expect(element.querySelector('form.write')).toBeNull(); // the owner does not write 批示

    (element.querySelector('button.acknowledge') as HTMLButtonElement).click();
    const ack = backend.expectOne(`/api/projects/${PROJECT}/instructions/i0000000-0000-4000-8000-000000000001/acknowledgement`);
    expect(ack.request.body).toEqual({ version: 1 });
    ack.flush(
      instruction({
        readAt: '2040-09-10T02:01:00.000Z',
        acknowledgedAt: '2040-09-10T02:02:00.000Z',
        acknowledgedBy: { id: OWNER, displayName: '王负责' },
        version: 2,
      }),
    );
    await settle(fixture);
    expect(text(element.querySelector('.progress .acknowledged'))).toBe('王负责 2040-09-10 10:02 已阅');
    expect(element.querySelector('button.acknowledge')).toBeNull();

    const box = element.querySelector('form.answer textarea') as HTMLTextAreaElement;
    box.value = '已与自然资源局对接。';
    box.dispatchEvent(new Event('input'));
    (element.querySelector('button.send-reply') as HTMLButtonElement).click();
    const reply = backend.expectOne(`/api/projects/${PROJECT}/instructions/i0000000-0000-4000-8000-000000000001/replies`);
    expect(reply.request.body).toEqual({ text: '已与自然资源局对接。', version: 2 });
    reply.flush(
      instruction({
        readAt: '2040-09-10T02:01:00.000Z',
        acknowledgedAt: '2040-09-10T02:02:00.000Z',
        repliedAt: '2040-09-11T02:02:00.000Z',
        replies: [
          { id: 'r1', text: '已与自然资源局对接。', author: { id: OWNER, displayName: '王负责' }, byLeader: false, createdAt: '2040-09-11T02:02:00.000Z' },
        ],
        version: 3,
      }),
    );
    await settle(fixture);
    expect(text(element.querySelector('.thread .reply'))).toBe('王负责 · 2040-09-11 10:02已与自然资源局对接。');
    expect(text(element.querySelector('.progress .replied'))).toBe('2040-09-11 10:02 已回复');
    expect(element.querySelector('.open-count')).toBeNull();
  });

  it('shows a leader the state of each 批示 and lets them write one; it never marks anything read for them', async () => {
    const { fixture, element } = await render(user(LEADER, ['leader']));
    backend.expectOne(`/api/projects/${PROJECT}/instructions`).flush([instruction()]);
    await settle(fixture);
    expect([...element.querySelectorAll('.progress li')].map(text)).toEqual(['负责人未读', '未签阅', '未回复']);
    expect(element.querySelector('button.acknowledge')).toBeNull();
    expect(text(element.querySelector('form.answer label'))).toBe('再批示');

    const box = element.querySelector('#instruction-new') as HTMLTextAreaElement;
    box.value = '请月底前开工。';
    box.dispatchEvent(new Event('input'));
    (element.querySelector('form.write button[type=submit]') as HTMLButtonElement).click();
    const write = backend.expectOne(`/api/projects/${PROJECT}/instructions`);
    expect(write.request.method).toBe('POST');
    expect(write.request.body).toEqual({ text: '请月底前开工。' });
    write.flush(instruction({ id: 'i2', text: '请月底前开工。' }));
    await settle(fixture);
    expect([...element.querySelectorAll('.instruction .text')].map(text)).toEqual(['请月底前开工。', '请本周内报告用地进展。']);
  });

  it('lets a reader who may not answer only read, and says when there are none', async () => {
    const { fixture, element } = await render(user(OFFICE, ['office']));
    backend.expectOne(`/api/projects/${PROJECT}/instructions`).flush([]);
    await settle(fixture);
    expect(text(element.querySelector('.none'))).toBe('本项目暂无领导批示。');
    expect(element.querySelector('form')).toBeNull();
  });

  it('after a 409 shows the instruction as someone else left it', async () => {
    const { fixture, element } = await render(user(OWNER, ['staff'], ['metallurgy']));
    backend.expectOne(`/api/projects/${PROJECT}/instructions/opened`).flush([instruction()]);
    await settle(fixture);
    (element.querySelector('button.acknowledge') as HTMLButtonElement).click();
    backend
      .expectOne(`/api/projects/${PROJECT}/instructions/i0000000-0000-4000-8000-000000000001/acknowledgement`)
      .flush(
        {
          statusCode: 409,
          message: '该批示已被他人修改 / changed',
          current: instruction({ acknowledgedAt: '2040-09-10T03:00:00.000Z', acknowledgedBy: { id: 'x', displayName: '同事' }, version: 2 }),
        },
        { status: 409, statusText: 'Conflict' },
      );
    await settle(fixture);
    expect(text(element.querySelector('.progress .acknowledged'))).toBe('同事 2040-09-10 11:00 已阅');
  });

  it('formats instants in Shanghai time', () => {
    expect(shanghaiDateTime('2040-09-30T16:30:00.000Z')).toBe('2040-10-01 00:30');
  });
});
