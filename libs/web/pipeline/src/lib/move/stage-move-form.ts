import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  LAND_ROUTES,
  PROJECT_TEXT_LIMITS,
  SITE_DOCUMENT_KINDS,
  STAGES,
  isExistingSiteRoute,
  landRouteProblems,
  stageFactProblems,
  type LandRoute,
  type StageFacts,
  type ProjectDetailView,
  type ProjectView,
  type Stage,
  type StageMoveInput,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText, isStale, type MessageKey } from '@crm/web/core';
import { DateInput } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { firstValueFrom } from 'rxjs';
import { fieldProblems, problemText } from '../data-access/api-problems';
import { fieldKey, landRouteKey, siteDocumentKindKey, stageKey } from '../data-access/labels';
import type { LoadState } from '../data-access/load-state';
import { PipelineApi } from '../data-access/pipeline.api';
import { projectFacts } from '../data-access/project-facts';
import { amountPreview, decimalError, validDate } from '../form/field-checks';
import {
  AREA_UNITS,
  DATE_FIELDS,
  DECIMAL_FIELDS,
  planStageMove,
  type MoveField,
} from './stage-move-plan';

const TEXT_LIMITS: Partial<Record<MoveField, number>> = {
  agreementRef: PROJECT_TEXT_LIMITS.agreementRef,
  landParcel: PROJECT_TEXT_LIMITS.landParcel,
  landApprovalRef: PROJECT_TEXT_LIMITS.landApprovalRef,
  siteDocumentRef: PROJECT_TEXT_LIMITS.siteDocumentRef,
  constructionPermitRef: PROJECT_TEXT_LIMITS.constructionPermitRef,
};

/**
 * 调整阶段: moves one project, asking for exactly what the target stage's gate still needs (from
 * the gates in libs/domain): the facts that travel with the move, the estimated investment, an
 * evaluation record to open — all sent in the one move request (one transaction: refused, nothing
 * is saved); what it cannot supply is listed, and the move stays disabled. A refusal from the API
 * shows next to the fields it names. Cancelling writes nothing.
 */
@Component({
  selector: 'crm-stage-move-form',
  imports: [
    DateInput,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
    NzSkeletonModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './stage-move-form.html',
  styleUrl: './stage-move-form.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StageMoveForm implements OnInit {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly projectId = input.required<string>();
  /** The stage dropped on; null lets the user choose (the next stage first). */
  readonly to = input<Stage | null>(null);
  /** Outside the project page, blockers link to it. */
  readonly linkToProject = input(true);
  readonly moved = output<ProjectView>();
  readonly cancelled = output<void>();

  protected readonly lang = this.i18n.lang;
  protected readonly stages = STAGES;
  protected readonly stageKey = stageKey;
  protected readonly fieldKey = fieldKey;
  protected readonly reasonLimit = PROJECT_TEXT_LIMITS.reason;
  protected readonly landRoutes = LAND_ROUTES;
  protected readonly landRouteKey = landRouteKey;
  protected readonly siteDocumentKindKey = siteDocumentKindKey;
  protected readonly siteDocumentKinds = SITE_DOCUMENT_KINDS;

  protected readonly state = signal<LoadState<ProjectDetailView>>({ status: 'loading' });
  private readonly chosen = signal<Stage | null>(null);
  protected readonly detail = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly from = computed(() => this.detail()?.project.stage ?? null);
  protected readonly target = computed<Stage | null>(() => {
    const from = this.from();
    if (!from) return null;
    return this.to() ?? this.chosen() ?? STAGES[STAGES.indexOf(from) + 1] ?? STAGES[STAGES.indexOf(from) - 1];
  });
  protected readonly plan = computed(() => {
    const detail = this.detail();
    const target = this.target();
    return detail && target ? planStageMove(projectFacts(detail), detail.project.stage, target, this.landRoute()) : null;
  });
  protected readonly blocked = computed(() => (this.plan()?.blockers.length ?? 0) > 0);
  /**
   * 到达该阶段的日期: asked (optional) when the move records no date of its own (a signing or
   * land approval date is the stage's business date); today when left empty.
   */
  protected readonly asksReachedOn = computed(() => {
    const plan = this.plan();
    return !!plan && !plan.fields.some((field) => DATE_FIELDS.includes(field));
  });
  /** Today in Shanghai: the latest day the stage can have been reached. */
  protected readonly today = this.clock.today();

  protected readonly form = inject(NonNullableFormBuilder).group({
    plannedInvestment: [''],
    signedAmount: [''],
    signedOn: [''],
    agreementRef: [''],
    landParcel: [''],
    landAreaMu: [''],
    landApprovalRef: [''],
    landApprovedOn: [''],
    landRoute: ['new-land'],
    siteDocumentKind: [''],
    siteDocumentRef: [''],
    siteDocumentOn: [''],
    plantAreaSqm: [''],
    constructionStartedOn: [''],
    constructionPermitRef: [''],
    completedOn: [''],
    reachedOn: [''],
    reason: [''],
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** 用地方式 chosen for a move into 项目供地 (新增供地 unless the user picks 既有用地 or 闲置厂房). */
  protected readonly landRoute = computed(() => (this.values().landRoute ?? 'new-land') as LandRoute);
  protected readonly existingSite = computed(() => isExistingSiteRoute(this.landRoute()));

  protected readonly errors = signal<Record<string, string>>({});
  /** Problems the API named that no input here shows. */
  protected readonly otherProblems = computed(() => {
    const shown = new Set<string>([
      ...(this.plan()?.fields ?? []),
      'reason',
      ...(this.asksReachedOn() ? ['reachedOn'] : []),
      ...(this.plan()?.asksLandRoute ? ['landRoute'] : []),
    ]);
    return Object.entries(this.errors())
      .filter(([field]) => !shown.has(field))
      .map(([, text]) => text);
  });
  protected readonly failure = signal('');
  protected readonly stale = signal(false);
  protected readonly submitting = signal(false);

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.stale.set(false);
    this.api
      .detail(this.projectId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => {
        // A route already recorded (a project moved back and forward again) is offered first.
        this.form.controls.landRoute.setValue(value.project.landRoute ?? 'new-land');
        this.state.set({ status: 'ready', value });
      },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }


  protected choose(stage: Stage): void {
    this.chosen.set(stage);
    this.errors.set({});
    this.failure.set('');
  }

  protected isDate(field: MoveField): boolean {
    return DATE_FIELDS.includes(field);
  }

  protected isDecimal(field: MoveField): boolean {
    return DECIMAL_FIELDS.includes(field);
  }

  /** The field's label: on an existing site, the parcel is the site itself. */
  protected label(field: MoveField): MessageKey {
    return field === 'landParcel' && this.existingSite() ? 'pipeline.field.site' : fieldKey(field);
  }

  protected maxLength(field: MoveField): number | null {
    return TEXT_LIMITS[field] ?? null;
  }

  protected preview(field: MoveField): string {
    if (AREA_UNITS[field]) return '';
    this.values();
    return amountPreview(this.form.controls[field].value, this.lang());
  }

  protected suffix(field: MoveField): string {
    const area = AREA_UNITS[field];
    if (area) return this.i18n.t(area === 'mu' ? 'pipeline.unit.mu' : 'pipeline.unit.sqm');
    return this.isDecimal(field) ? this.i18n.t('pipeline.unit.wan') : '';
  }

  /** Checked here first, with the API's own words where libs/domain has them. */
  private check(fields: MoveField[], needsReason: boolean): Record<string, string> {
    const lang = this.lang();
    const errors: Record<string, string> = {};
    const value = this.form.getRawValue();
    for (const field of fields) {
      const text = value[field].trim();
      if (!text) {
        errors[field] = this.i18n.t('pipeline.move.required', { field: this.i18n.t(this.label(field)) });
      } else if (this.isDecimal(field)) {
        const problem = decimalError(text, lang);
        if (problem) errors[field] = problem;
      } else if (this.isDate(field) && !validDate(text)) {
        errors[field] = this.i18n.t('pipeline.form.badDate');
      }
    }
    const facts: Partial<StageFacts> = {};
    for (const field of fields) {
      if (field !== 'plannedInvestment' && !errors[field]) Object.assign(facts, { [field]: value[field].trim() });
    }
    for (const problem of stageFactProblems(facts, this.clock.today())) {
      errors[problem.field] ??= problemText(problem, lang);
    }
    if (this.plan()?.asksLandRoute) {
      for (const problem of landRouteProblems({ ...facts, landRoute: this.landRoute() })) {
        errors[problem.field] ??= problemText(problem, lang);
      }
    }
    if (needsReason && !value.reason.trim()) errors['reason'] = this.i18n.t('pipeline.move.reasonRequired');
    const reachedOn = value.reachedOn.trim();
    if (this.asksReachedOn() && reachedOn) {
      if (!validDate(reachedOn)) errors['reachedOn'] = this.i18n.t('pipeline.form.badDate');
      else if (reachedOn > this.today) errors['reachedOn'] = this.i18n.t('pipeline.move.reachedOnFuture', { today: this.today });
    }
    return errors;
  }

  protected async submit(): Promise<void> {
    const detail = this.detail();
    const plan = this.plan();
    const target = this.target();
    if (!detail || !plan || !target || this.blocked() || this.submitting()) return;
    const errors = this.check(plan.fields, plan.needsReason);
    this.errors.set(errors);
    this.failure.set('');
    if (Object.keys(errors).length) return;

    const id = detail.project.id;
    const value = this.form.getRawValue();
    this.submitting.set(true);
    try {
      // One request: the estimated investment, the evaluation to open and the stage's facts travel
      // with the move, saved in one transaction; refused, nothing of it is saved.
      const input: StageMoveInput = { to: target, version: detail.project.version };
      if (plan.needsReason) input.reason = value.reason.trim();
      if (plan.asksLandRoute) input.landRoute = this.landRoute();
      for (const field of plan.fields) Object.assign(input, { [field]: value[field].trim() });
      if (plan.opensEvaluation) input.openEvaluation = true;
      const reachedOn = value.reachedOn.trim();
      if (this.asksReachedOn() && reachedOn) input.reachedOn = reachedOn;
      this.moved.emit(await firstValueFrom(this.api.move(id, input)));
    } catch (error) {
      if (isStale(error)) {
        this.stale.set(true);
      } else {
        const problems = fieldProblems(error, this.lang());
        this.errors.set(problems);
        this.failure.set(
          Object.keys(problems).length ? this.i18n.t('pipeline.move.refused') : apiErrorText(error, this.i18n),
        );
      }
    } finally {
      this.submitting.set(false);
    }
  }

  protected cancel(): void {
    this.cancelled.emit();
  }
}
