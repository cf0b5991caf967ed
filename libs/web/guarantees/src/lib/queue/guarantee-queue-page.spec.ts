import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { find, landRequest, setUp, text } from '../testing/render';
import { GuaranteeQueuePage } from './guarantee-queue-page';

describe('GuaranteeQueuePage (要素保障办理)', () => {
  let backend: HttpTestingController;
  afterEach(() => backend.verify());

  async function render() {
    backend = await setUp();
    const fixture = TestBed.createComponent(GuaranteeQueuePage);
    backend.expectOne('/api/guarantee-requests/queue?filter=open').flush({ unit: { id: 9, name: '市自然资源局' }, requests: [landRequest()] });
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists what was sent to the unit: the project, the need, the due date and how late', async () => {
    const { element } = await render();
    const card = find(element, 'crm-guarantee-request-card');
    expect(text(card.querySelector('.project'))).toBe('东出口共享储能电站项目');
    expect(text(card.querySelector('.need'))).toBe('120.5亩');
    expect(text(card.querySelector('.due'))).toBe('2026-03-05');
    expect(text(card.querySelector('.overdue'))).toBe('逾期 3 天');
    expect(text(card.querySelector('.status'))).toBe('待受理');
  });

  it('asks a reason for 无法满足 before sending, then answers on the version read', async () => {
    const { fixture, element } = await render();
    find<HTMLButtonElement>(element, 'button.answer').click();
    await fixture.whenStable();
    const radios = [...element.querySelectorAll<HTMLInputElement>('.answer-form input[type="radio"]')];
    expect(radios).toHaveLength(4);
    radios[3].click(); // 无法满足
    await fixture.whenStable();
    find<HTMLButtonElement>(element, '.answer-form button.submit').click();
    await fixture.whenStable();
    expect(text(element.querySelector('.answer-form'))).toContain('无法满足时请说明原因');
    backend.expectNone((r) => r.method === 'POST');

    const note = find<HTMLTextAreaElement>(element, '.answer-form textarea');
    note.value = '园区用地指标已用完';
    note.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    find<HTMLButtonElement>(element, '.answer-form button.submit').click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/guarantee-requests/g1/answers');
    expect(post.request.body).toMatchObject({ status: 'cannot-meet', note: '园区用地指标已用完', version: 1, expectedOn: null });
    post.flush(landRequest({ status: 'cannot-meet', overdue: false, daysOverdue: null, version: 2, canAnswer: true }));
    await fixture.whenStable();
    expect(text(element.querySelector('crm-guarantee-request-card .status'))).toBe('无法满足');
    expect(element.querySelector('.answer-form')).toBeNull();
  });
});
