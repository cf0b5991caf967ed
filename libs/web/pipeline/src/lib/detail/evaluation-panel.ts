import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  EVALUATION_CONCLUSIONS,
  EVALUATION_DIMENSIONS,
  EVALUATION_RATINGS,
  PROJECT_TEXT_LIMITS as L,
  BALANCE_PERIOD_PATTERN,
  THIRD_PARTY_FINDING_LIMIT,
  evaluationConclusionProblems,
  preReviewConclusionProblems,
  type EvaluationConclusion,
  type EvaluationDimension,
  type EvaluationFacts,
  type EvaluationRating,
  type EvaluationView,
  type ProjectDetailView,
} from '@crm/domain';
import { AppClock, AuthService, I18nService, TranslatePipe, apiErrorText, isStale } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { fieldProblems, problemText } from '../data-access/api-problems';
import { conclusionKey, dimensionKey, ratingKey } from '../data-access/labels';
import { PipelineApi } from '../data-access/pipeline.api';
import { textOrNull, validDate } from '../form/field-checks';
import { DateInput } from '@crm/web/ui';
import { PreReviewSection } from '../pre-reviews/pre-review-section';

type DimensionGroup = FormGroup<{
  rating: FormControl<EvaluationRating | null>;
  note: FormControl<string>;
}>;

/** 淘汰类 check as the radio holds it: unanswered, no, yes. */
type EliminatedAnswer = 'unknown' | 'no' | 'yes';

const CONCLUSION_COLORS: Record<EvaluationConclusion, string> = {
  pass: 'green',
  conditional: 'gold',
  fail: 'red',
};

/**
 * 项目评估 (plan §(二十七)): the six dimensions with a rating and a note each, the third-party
 * institution, the 淘汰类 check, then the conclusion by a named user on a date. The checks of
 * libs/domain run before sending; the API's refusal shows at the same fields.
 */
@Component({
  selector: 'crm-evaluation-panel',
  imports: [
    DateInput,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    NzRadioModule,
    NzSwitchModule,
    NzTagModule,
    PreReviewSection,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './evaluation-panel.html',
  styleUrl: './evaluation-panel.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EvaluationPanel {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly auth = inject(AuthService);

  readonly detail = input.required<ProjectDetailView>();
  readonly canEdit = input(false);
  /** Something was saved: the page reloads the project. */
  readonly changed = output<void>();

  protected readonly lang = this.i18n.lang;
  protected readonly dimensions = EVALUATION_DIMENSIONS;
  protected readonly ratings = EVALUATION_RATINGS;
  protected readonly conclusions = EVALUATION_CONCLUSIONS;
  protected readonly dimensionKey = dimensionKey;
  protected readonly ratingKey = ratingKey;
  protected readonly conclusionKey = conclusionKey;
  protected readonly conclusionColors = CONCLUSION_COLORS;
  protected readonly limits = L;
  protected readonly findingLimit = THIRD_PARTY_FINDING_LIMIT;
  /** 领导小组办公室 may let the conclusion through without the missing 预审 opinions. */
  protected readonly isOffice = computed(() => !!this.auth.user() && this.auth.hasRole('office'));

  protected readonly open = computed(() => this.detail().evaluations.find((e) => e.conclusion === null) ?? null);
  protected readonly concluded = computed(() =>
    this.detail()
      .evaluations.filter((e) => e.conclusion !== null)
      .sort((a, b) => (b.concludedOn ?? '').localeCompare(a.concludedOn ?? '') || b.openedAt.localeCompare(a.openedAt)),
  );

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  protected readonly form = this.fb.group({
    dimensions: this.fb.group(
      Object.fromEntries(
        EVALUATION_DIMENSIONS.map((d) => [
          d,
          this.fb.group({
            rating: new FormControl<EvaluationRating | null>(null),
            note: this.fb.control(''),
          }),
        ]),
      ) as Record<EvaluationDimension, DimensionGroup>,
    ),
    thirdParty: [false],
    institution: [''],
    feasibility: [''],
    outputBenefit: [''],
    balancePeriodYears: [''],
    eliminated: ['unknown' as EliminatedAnswer],
    conclusion: [null as EvaluationConclusion | null],
    conditions: [''],
    concludedOn: [this.clock.today()],
  });

  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly conclusionValue = computed(() => this.values().conclusion ?? null);
  protected readonly thirdParty = computed(() => this.values().thirdParty ?? false);

  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly stale = signal(false);
  protected readonly busy = signal<'open' | 'save' | 'conclude' | null>(null);
  protected readonly savedNote = signal('');

  constructor() {
    // The form follows the open evaluation each time the project is (re)loaded.
    effect(() => {
      const open = this.open();
      untracked(() => this.fill(open));
    });
    // Leaders and the office read the evaluation; only staff of the chain edit it.
    effect(() => {
      if (this.canEdit()) this.form.enable();
      else this.form.disable();
    });
  }

  private fill(open: EvaluationView | null): void {
    this.errors.set({});
    this.failure.set('');
    this.stale.set(false);
    if (!open) return;
    const dimensions = Object.fromEntries(
      EVALUATION_DIMENSIONS.map((d) => {
        const entry = open.dimensions.find((x) => x.dimension === d);
        return [d, { rating: entry?.rating ?? null, note: entry?.note ?? '' }];
      }),
    ) as Record<EvaluationDimension, { rating: EvaluationRating | null; note: string }>;
    this.form.patchValue({
      dimensions,
      thirdParty: open.thirdParty,
      institution: open.institution ?? '',
      feasibility: open.feasibility ?? '',
      outputBenefit: open.outputBenefit ?? '',
      balancePeriodYears: open.balancePeriodYears ?? '',
      eliminated: open.eliminatedCategory === null ? 'unknown' : open.eliminatedCategory ? 'yes' : 'no',
    });
    this.form.markAsPristine();
  }

  protected dimensionGroup(d: EvaluationDimension): DimensionGroup {
    return this.form.controls.dimensions.controls[d];
  }


  private facts(): EvaluationFacts {
    const v = this.form.getRawValue();
    return {
      dimensions: EVALUATION_DIMENSIONS.map((d) => ({
        dimension: d,
        rating: v.dimensions[d].rating,
        note: textOrNull(v.dimensions[d].note),
      })),
      thirdParty: v.thirdParty,
      institution: textOrNull(v.institution),
      feasibility: textOrNull(v.feasibility),
      outputBenefit: textOrNull(v.outputBenefit),
      balancePeriodYears: textOrNull(v.balancePeriodYears),
      eliminatedCategory: v.eliminated === 'unknown' ? null : v.eliminated === 'yes',
    };
  }

  protected async startEvaluation(): Promise<void> {
    await this.run('open', async () => {
      await firstValueFrom(this.api.openEvaluation(this.detail().project.id));
      this.changed.emit();
    });
  }

  /** Saves what is typed so far (the evaluation may take days). */
  protected async saveDraft(): Promise<void> {
    await this.run('save', async () => {
      await this.saveOpen();
      this.savedNote.set(this.i18n.t('pipeline.evaluation.saved'));
      this.changed.emit();
    });
  }

  private async saveOpen(): Promise<EvaluationView> {
    const open = this.open();
    if (!open) throw new Error('No open evaluation');
    const facts = this.facts();
    const saved = await firstValueFrom(
      this.api.updateEvaluation(this.detail().project.id, open.id, {
        version: open.version,
        dimensions: facts.dimensions,
        thirdParty: facts.thirdParty,
        institution: facts.institution,
        feasibility: facts.feasibility,
        outputBenefit: facts.outputBenefit,
        balancePeriodYears: facts.balancePeriodYears,
        eliminatedCategory: facts.eliminatedCategory,
      }),
    );
    this.form.markAsPristine();
    return saved;
  }

  /** The conclusion cannot be changed once given: it is confirmed first, when there is nothing to fix. */
  protected concludeBlocked(): boolean {
    return Object.keys(this.conclusionProblems()).length > 0;
  }

  protected concludeQuestion(): string {
    const conclusion = this.form.getRawValue().conclusion;
    return this.i18n.t('pipeline.evaluation.confirmConclude', {
      conclusion: conclusion ? this.i18n.t(conclusionKey(conclusion)) : '',
    });
  }

  private conclusionProblems(): Record<string, string> {
    const v = this.form.getRawValue();
    const lang = this.lang();
    const errors: Record<string, string> = {};
    if (!v.conclusion) {
      errors['conclusion'] = this.i18n.t('pipeline.evaluation.conclusionRequired');
    } else {
      for (const problem of evaluationConclusionProblems(this.facts(), v.conclusion, v.conditions)) {
        errors[problem.field] = errors[problem.field]
          ? `${errors[problem.field]}；${problemText(problem, lang)}`
          : problemText(problem, lang);
      }
    }
    const open = this.open();
    if (open) {
      for (const problem of preReviewConclusionProblems(open.preReviews, open.preReviewOverride !== null)) {
        errors[problem.field] = problemText(problem, lang);
      }
    }
    if (v.balancePeriodYears.trim() && !BALANCE_PERIOD_PATTERN.test(v.balancePeriodYears.trim())) {
      errors['balancePeriodYears'] = this.i18n.t('pipeline.evaluation.badBalancePeriod');
    }
    if (!validDate(v.concludedOn)) errors['concludedOn'] = this.i18n.t('pipeline.form.badDate');
    else if (v.concludedOn > this.clock.today()) errors['concludedOn'] = this.i18n.t('pipeline.evaluation.future');
    return errors;
  }

  protected async conclude(): Promise<void> {
    const v = this.form.getRawValue();
    const errors = this.conclusionProblems();
    this.errors.set(errors);
    if (Object.keys(errors).length) {
      this.failure.set(this.i18n.t('pipeline.evaluation.fixFirst'));
      return;
    }
    const conclusion = v.conclusion as EvaluationConclusion;
    await this.run('conclude', async () => {
      // What is on screen is what gets concluded: saved first.
      const saved = await this.saveOpen();
      await firstValueFrom(
        this.api.concludeEvaluation(this.detail().project.id, saved.id, {
          conclusion,
          conditions: conclusion === 'conditional' ? textOrNull(v.conditions) : null,
          concludedOn: v.concludedOn,
          version: saved.version,
        }),
      );
      this.form.patchValue({ conclusion: null, conditions: '' });
      this.changed.emit();
    });
  }

  private async run(kind: 'open' | 'save' | 'conclude', work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.failure.set('');
    this.savedNote.set('');
    try {
      await work();
      this.errors.set({});
    } catch (error) {
      if (isStale(error)) {
        this.stale.set(true);
        this.failure.set(this.i18n.t('pipeline.evaluation.stale'));
      } else {
        this.errors.set(fieldProblems(error, this.lang()));
        this.failure.set(apiErrorText(error, this.i18n));
      }
    } finally {
      this.busy.set(null);
    }
  }

  protected reload(): void {
    this.changed.emit();
  }

  protected ratingOf(evaluation: EvaluationView, d: EvaluationDimension): EvaluationRating | null {
    return evaluation.dimensions.find((x) => x.dimension === d)?.rating ?? null;
  }

  protected noteOf(evaluation: EvaluationView, d: EvaluationDimension): string {
    return evaluation.dimensions.find((x) => x.dimension === d)?.note ?? '';
  }
}
