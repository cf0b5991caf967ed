import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  PRE_REVIEW_ANSWERS,
  PRE_REVIEW_TEXT_LIMITS,
  formatAuditDateTime,
  isPreReviewOverdue,
  preReviewAnswerProblems,
  type PreReviewAnswer,
  type PreReviewRequestView,
} from '@crm/domain';
import { AppClock, AuthService, I18nService, TranslatePipe, apiErrorText, staleCurrent } from '@crm/web/core';
import { LoadStateView, PageHeader, type LoadState } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { fieldProblems, problemText } from '../data-access/api-problems';
import { ANSWER_COLORS, STATUS_COLORS, answerKey, preReviewStatusKey } from './pre-review-labels';
import { PreReviewsApi } from './pre-reviews.api';

interface Draft {
  answer: PreReviewAnswer | null;
  text: string;
}

/**
 * 预审待办: the requests addressed to the user's unit, whatever chain the project is in, due date
 * first; each answered once (同意 / 附条件同意 / 不同意, with the conditions or reasons).
 */
@Component({
  selector: 'crm-pre-review-queue-page',
  imports: [
    FormsModule,
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzTagModule,
    PageHeader,
    TranslatePipe,
  ],
  templateUrl: './pre-review-queue-page.html',
  styleUrl: './pre-review-queue-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreReviewQueuePage {
  private readonly api = inject(PreReviewsApi);
  private readonly auth = inject(AuthService);
  private readonly clock = inject(AppClock);
  private readonly i18n = inject(I18nService);

  protected readonly answers = PRE_REVIEW_ANSWERS;
  protected readonly limits = PRE_REVIEW_TEXT_LIMITS;
  protected readonly answerKey = answerKey;
  protected readonly statusKey = preReviewStatusKey;
  protected readonly answerColors = ANSWER_COLORS;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly at = formatAuditDateTime;

  protected readonly filter = signal<'open' | 'all'>('open');
  protected readonly state = signal<LoadState<PreReviewRequestView[]>>({
    status: 'loading',
  });
  protected readonly items = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : [];
  });
  protected readonly hasUnit = computed(() => this.auth.user()?.unit != null);
  protected readonly drafts = signal<Record<string, Draft>>({});
  protected readonly errors = signal<Record<string, Record<string, string>>>({});
  protected readonly failures = signal<Record<string, string>>({});
  protected readonly busy = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      this.state.set({
        status: 'ready',
        value: await firstValueFrom(this.api.queue(this.filter())),
      });
    } catch (error) {
      this.state.set({ status: 'error', error });
    }
  }

  protected setFilter(filter: 'open' | 'all'): void {
    this.filter.set(filter);
    void this.load();
  }

  protected errorText(): string {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  }

  protected draft(id: string): Draft {
    return this.drafts()[id] ?? { answer: null, text: '' };
  }

  protected setDraft(id: string, change: Partial<Draft>): void {
    this.drafts.update((all) => ({
      ...all,
      [id]: { ...this.draft(id), ...change },
    }));
  }

  protected answerable(r: PreReviewRequestView): boolean {
    return r.status === 'pending' && !r.evaluationConcluded;
  }

  protected overdue(r: PreReviewRequestView): boolean {
    return this.answerable(r) && isPreReviewOverdue(r, this.clock.today());
  }

  protected async submit(r: PreReviewRequestView): Promise<void> {
    const draft = this.draft(r.id);
    const errors: Record<string, string> = {};
    if (!draft.answer) errors['answer'] = this.i18n.t('preReview.answerRequired');
    else
      for (const p of preReviewAnswerProblems(draft.answer, draft.text))
        errors[p.field] = problemText(p, this.i18n.lang());
    this.errors.update((all) => ({ ...all, [r.id]: errors }));
    if (Object.keys(errors).length || !draft.answer || this.busy()) return;
    this.busy.set(r.id);
    this.failures.update((all) => ({ ...all, [r.id]: '' }));
    try {
      const text = draft.text.trim() || null;
      const saved = await firstValueFrom(this.api.answer(r.id, { answer: draft.answer, text }));
      this.replace(saved);
    } catch (error) {
      // 409: answered or withdrawn meanwhile; show it as it is now.
      const current = staleCurrent<PreReviewRequestView>(error);
      if (current) this.replace(current);
      this.errors.update((all) => ({
        ...all,
        [r.id]: fieldProblems(error, this.i18n.lang()),
      }));
      this.failures.update((all) => ({
        ...all,
        [r.id]: apiErrorText(error, this.i18n),
      }));
    } finally {
      this.busy.set(null);
    }
  }

  private replace(saved: PreReviewRequestView): void {
    this.state.update((s) =>
      s.status === 'ready'
        ? {
            status: 'ready',
            value: s.value.map((x) => (x.id === saved.id ? saved : x)),
          }
        : s,
    );
  }
}
