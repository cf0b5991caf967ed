import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUserView, PreReviewRequestView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { PreReviewQueuePage } from './pre-review-queue-page';

const ME: CurrentUserView = {
  id: 'u0000000-0000-4000-8000-000000000001',
  username: 'land',
  displayName: '自然资源局经办人',
  roles: ['staff'],
  unit: { id: 12, name: '市自然资源局' },
  person: null,
  chainCodes: [],
  editableChainCodes: [],
  mustChangePassword: false,
};

function request(overrides: Partial<PreReviewRequestView> = {}): PreReviewRequestView {
  return {
    id: 'r0000000-0000-4000-8000-000000000001',
    evaluationId: 'e0000000-0000-4000-8000-000000000001',
    projectId: 'p0000000-0000-4000-8000-000000000001',
    projectName: '储能Pack系统集成项目',
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    investorName: '厦门海辰科技',
    unit: { id: 12, name: '市自然资源局' },
    topic: '项目用地是否符合国土空间规划',
    dueOn: '2040-09-20',
    status: 'pending',
    requestedBy: { id: 'u2', displayName: '王专班' },
    requestedAt: '2040-09-10T02:00:00.000Z',
    answer: null,
    answerText: null,
    answeredBy: null,
    answeredAt: null,
    withdrawnBy: null,
    withdrawnAt: null,
    evaluationConcluded: false,
    version: 1,
    ...overrides,
  };
}

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('PreReviewQueuePage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(items: PreReviewRequestView[]) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(ME);
    await loaded;
    const fixture = TestBed.createComponent(PreReviewQueuePage);
    fixture.detectChanges();
    backend.expectOne('/api/pre-reviews?filter=open').flush(items);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists the requests addressed to the unit with the project, topic and due date', async () => {
    const { element } = await render([request()]);
    const card = element.querySelector('.request');
    expect(text(card?.querySelector('.project'))).toBe('储能Pack系统集成项目');
    expect(text(card?.querySelector('.topic'))).toBe('项目用地是否符合国土空间规划');
    expect(text(card)).toContain('2040-09-20');
    expect(text(card?.querySelector('.status'))).toBe('待回复');
  });

  it('asks for the reasons of a 不同意 before sending, then sends the answer and shows it', async () => {
    const { fixture, element } = await render([request()]);
    const radios = element.querySelectorAll<HTMLInputElement>('.answers input[type=radio]');
    expect(radios).toHaveLength(3);
    radios[2].click(); // 不同意
    fixture.detectChanges();
    element.querySelector<HTMLButtonElement>('button.submit')?.click();
    await settle(fixture);
    backend.expectNone('/api/pre-reviews/r0000000-0000-4000-8000-000000000001/answer');
    expect(text(element.querySelector('.answer-form'))).toContain('不同意时，请写明理由');

    const box = element.querySelector('textarea.answer-input') as HTMLTextAreaElement;
    box.value = '项目选址位于生态保护红线内';
    box.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    element.querySelector<HTMLButtonElement>('button.submit')?.click();
    await settle(fixture);
    const sent = backend.expectOne('/api/pre-reviews/r0000000-0000-4000-8000-000000000001/answer');
    expect(sent.request.body).toEqual({
      answer: 'disagree',
      text: '项目选址位于生态保护红线内',
    });
    sent.flush(
      request({
        status: 'answered',
        answer: 'disagree',
        answerText: '项目选址位于生态保护红线内',
        answeredBy: { id: ME.id, displayName: ME.displayName },
        answeredAt: '2040-09-11T02:02:00.000Z',
        version: 2,
      }),
    );
    await settle(fixture);
    expect(element.querySelector('.answer-form')).toBeNull();
    expect(text(element.querySelector('.answer'))).toBe('不同意');
    expect(text(element.querySelector('.answer-text'))).toBe('项目选址位于生态保护红线内');
  });
});
