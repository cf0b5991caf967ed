import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { EvaluationView, PreReviewRequestView } from '@crm/domain';
import { passedEvaluation } from '../testing/pipeline-fixtures';
import { PreReviewSection } from './pre-review-section';

const PROJECT = 'p0000000-0000-4000-8000-000000000001';

const pending: PreReviewRequestView = {
  id: 'r1',
  evaluationId: 'e1',
  projectId: PROJECT,
  projectName: '储能项目',
  chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
  investorName: null,
  unit: { id: 12, name: '市自然资源局' },
  topic: '用地预审',
  dueOn: '2999-01-01',
  status: 'pending',
  requestedBy: { id: 'u1', displayName: '王专班' },
  requestedAt: '2040-09-10T02:00:00.000Z',
  answer: null,
  answerText: null,
  answeredBy: null,
  answeredAt: null,
  withdrawnBy: null,
  withdrawnAt: null,
  evaluationConcluded: false,
  version: 1,
};

const answered: PreReviewRequestView = {
  ...pending,
  id: 'r2',
  unit: { id: 13, name: '市生态环境局' },
  topic: '环评',
  status: 'answered',
  answer: 'conditional',
  answerText: '须配套污水处理设施',
  answeredBy: { id: 'u3', displayName: '生态环境局经办人' },
  answeredAt: '2040-09-11T02:02:00.000Z',
};

const open: EvaluationView = {
  ...passedEvaluation(PROJECT),
  conclusion: null,
  concludedOn: null,
  preReviews: [pending, answered],
};

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('PreReviewSection', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(inputs: { canEdit?: boolean; canOverride?: boolean; evaluation?: EvaluationView }) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PreReviewSection);
    fixture.componentRef.setInput('projectId', PROJECT);
    fixture.componentRef.setInput('evaluation', inputs.evaluation ?? open);
    fixture.componentRef.setInput('canEdit', inputs.canEdit ?? false);
    fixture.componentRef.setInput('canOverride', inputs.canOverride ?? false);
    fixture.detectChanges();
    backend.expectOne('/api/units').flush([{ id: 12, name: '市自然资源局', kind: 'bureau', aliases: [] }]);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows every request with its unit, answer, text, who and when, and how many are awaited', async () => {
    const { element } = await render({});
    const items = element.querySelectorAll('.request');
    expect(items).toHaveLength(2);
    expect(text(items[0].querySelector('.unit'))).toBe('市自然资源局');
    expect(text(items[0].querySelector('.status'))).toBe('待回复');
    expect(text(items[1].querySelector('.answer'))).toBe('附条件同意');
    expect(text(items[1].querySelector('.answer-text'))).toBe('须配套污水处理设施');
    expect(text(items[1].querySelector('.who'))).toContain('生态环境局经办人 于 2040-09-11 10:02 回复');
    expect(text(element.querySelector('.waiting'))).toContain('还有 1 项');
    // Readers neither ask nor override.
    expect(element.querySelector('.ask')).toBeNull();
    expect(element.querySelector('.override')).toBeNull();
  });

  it('lets the office override with a reason, refusing a blank one', async () => {
    const { fixture, element } = await render({ canOverride: true });
    (element.querySelector('button.override-open') as HTMLButtonElement).click();
    fixture.detectChanges();
    (element.querySelector('button.override-submit') as HTMLButtonElement).click();
    await settle(fixture);
    expect(text(element.querySelector('.override'))).toContain('请填写不再等待的理由');
    const box = element.querySelector('#pre-review-reason') as HTMLTextAreaElement;
    box.value = '自然资源局逾期未复，经领导小组同意先行评估';
    box.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    (element.querySelector('button.override-submit') as HTMLButtonElement).click();
    await settle(fixture);
    const sent = backend.expectOne(`/api/projects/${PROJECT}/evaluations/e1/pre-review-override`);
    expect(sent.request.body).toEqual({
      reason: '自然资源局逾期未复，经领导小组同意先行评估',
      version: open.version,
    });
    sent.flush({
      ...open,
      preReviewOverride: {
        reason: 'x',
        by: null,
        at: '2040-09-12T00:00:00.000Z',
        missingUnits: [],
      },
    });
  });
});
