import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  PRE_REVIEW_TEXT_LIMITS,
  formatAuditDateTime,
  isPreReviewOverdue,
  missingPreReviews,
  type EvaluationView,
  type PreReviewRequestView,
  type UnitView,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { DateInput } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, firstValueFrom, of } from 'rxjs';
import { fieldProblems } from '../data-access/api-problems';
import { ReferenceApi } from '../data-access/reference.api';
import { validDate } from '../form/field-checks';
import { ANSWER_COLORS, STATUS_COLORS, answerKey, preReviewStatusKey } from './pre-review-labels';
import { PreReviewsApi } from './pre-reviews.api';

/**
 * 部门预审 on an evaluation: the units asked, on what, by when, and how each answered (who, when).
 * While the evaluation is open the task force asks more units and withdraws unanswered requests;
 * the office may let the conclusion through without the missing opinions, giving a reason. A
 * concluded evaluation shows the same list, read only.
 */
@Component({
  selector: 'crm-pre-review-section',
  imports: [
    DateInput,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzTagModule,
    TranslatePipe,
  ],
  templateUrl: './pre-review-section.html',
  styleUrl: './pre-review-section.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreReviewSection {
  private readonly api = inject(PreReviewsApi);
  private readonly reference = inject(ReferenceApi);
  private readonly clock = inject(AppClock);
  private readonly i18n = inject(I18nService);

  readonly projectId = input.required<string>();
  readonly evaluation = input.required<EvaluationView>();
  /** The task force: staff who edit the project. */
  readonly canEdit = input(false);
  /** 领导小组办公室. */
  readonly canOverride = input(false);
  /** Something was saved: the page reloads the project. */
  readonly changed = output<void>();

  protected readonly limits = PRE_REVIEW_TEXT_LIMITS;
  protected readonly answerKey = answerKey;
  protected readonly statusKey = preReviewStatusKey;
  protected readonly answerColors = ANSWER_COLORS;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly at = formatAuditDateTime;

  protected readonly open = computed(() => this.evaluation().conclusion === null);
  protected readonly requests = computed(() => this.evaluation().preReviews);
  protected readonly missing = computed(() => missingPreReviews(this.requests()));
  protected readonly units = toSignal(this.reference.units().pipe(catchError(() => of([] as UnitView[]))), {
    initialValue: [] as UnitView[],
  });

  protected readonly unitId = signal<number | null>(null);
  protected readonly topic = signal('');
  protected readonly dueOn = signal('');
  protected readonly reason = signal('');
  protected readonly overriding = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly busy = signal<'ask' | 'withdraw' | 'override' | null>(null);

  protected names(units: { name: string }[]): string {
    return units.map((u) => u.name).join('、');
  }

  protected overdue(request: PreReviewRequestView): boolean {
    return this.open() && isPreReviewOverdue(request, this.clock.today());
  }

  protected async ask(): Promise<void> {
    const errors: Record<string, string> = {};
    const unitId = this.unitId();
    const topic = this.topic().trim();
    const dueOn = this.dueOn().trim();
    if (!unitId) errors['unitId'] = this.i18n.t('preReview.unitRequired');
    if (!topic) errors['topic'] = this.i18n.t('preReview.topicRequired');
    if (!validDate(dueOn)) errors['dueOn'] = this.i18n.t('pipeline.form.badDate');
    else if (dueOn < this.clock.today()) errors['dueOn'] = this.i18n.t('preReview.duePast');
    this.errors.set(errors);
    if (Object.keys(errors).length || !unitId) return;
    await this.run('ask', async () => {
      await firstValueFrom(
        this.api.ask(this.projectId(), this.evaluation().id, {
          unitId,
          topic,
          dueOn,
        }),
      );
      this.unitId.set(null);
      this.topic.set('');
      this.dueOn.set('');
    });
  }

  protected async withdraw(request: PreReviewRequestView): Promise<void> {
    await this.run('withdraw', () =>
      firstValueFrom(this.api.withdraw(this.projectId(), this.evaluation().id, request.id)).then(() => undefined),
    );
  }

  protected async override(): Promise<void> {
    const reason = this.reason().trim();
    if (!reason) {
      this.errors.set({ reason: this.i18n.t('preReview.reasonRequired') });
      return;
    }
    await this.run('override', async () => {
      await firstValueFrom(
        this.api.override(this.projectId(), this.evaluation().id, {
          reason,
          version: this.evaluation().version,
        }),
      );
      this.reason.set('');
      this.overriding.set(false);
    });
  }

  private async run(kind: 'ask' | 'withdraw' | 'override', work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.failure.set('');
    try {
      await work();
      this.errors.set({});
      this.changed.emit();
    } catch (error) {
      this.errors.set(fieldProblems(error, this.i18n.lang()));
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.busy.set(null);
    }
  }
}
