import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  effectiveLandRoute,
  isExistingSiteRoute,
  STAGE_FACT_STAGE,
  stageFactProblems,
  stageIndex,
  type LandRoute,
  type ProjectDetailView,
  type ProjectUpdateInput,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText, isStale } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { fieldProblems, problemText } from '../data-access/api-problems';
import { fieldKey, landRouteKey, landRouteMarkKey, siteDocumentKindKey } from '../data-access/labels';
import { PipelineApi } from '../data-access/pipeline.api';
import { decimalError, validDate } from '../form/field-checks';
import { DATE_FIELDS, type StageFactField } from '../move/stage-move-plan';

/** The facts of 项目供地, 项目开工 and 竣工投产; they are entered by moving the project there. */
const LATER_FACTS = [
  'landParcel',
  'landAreaMu',
  'plantAreaSqm',
  'landApprovalRef',
  'landApprovedOn',
  'siteDocumentKind',
  'siteDocumentRef',
  'siteDocumentOn',
  'constructionStartedOn',
  'constructionPermitRef',
  'completedOn',
] as const satisfies readonly StageFactField[];
type LaterFact = (typeof LATER_FACTS)[number];

/** The land facts each route records (盘活存量: a title or lease and an area instead of an approval). */
const ROUTE_FACTS: Record<LandRoute, readonly LaterFact[]> = {
  'new-land': ['landParcel', 'landAreaMu', 'landApprovalRef', 'landApprovedOn'],
  'existing-site': ['landParcel', 'landAreaMu', 'siteDocumentKind', 'siteDocumentRef', 'siteDocumentOn'],
  'idle-plant': ['landParcel', 'plantAreaSqm', 'siteDocumentKind', 'siteDocumentRef', 'siteDocumentOn'],
};
const LAND_FACTS = new Set<LaterFact>(Object.values(ROUTE_FACTS).flat());

/**
 * 供地与建设: what was recorded when the project reached land supply, construction and
 * production, with a correction form for the stages already reached (PATCH with the version).
 */
@Component({
  selector: 'crm-facts-panel',
  imports: [
    NzAlertModule,
    NzButtonModule,
    NzDescriptionsModule,
    NzFormModule,
    NzInputModule,
    NzTagModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  template: `
    @let p = detail().project;
    <nz-descriptions nzBordered nzSize="small" [nzColumn]="{ xxl: 2, xl: 2, lg: 2, md: 1, sm: 1, xs: 1 }">
      @if (showsRoute()) {
        <nz-descriptions-item [nzTitle]="'pipeline.field.landRoute' | t">
          <span class="land-route" [attr.data-route]="route()">{{ landRouteKey(route()) | t }}</span>
          @if (markKey()) {
            <nz-tag nzColor="cyan" class="reuse-mark">{{ 'pipeline.landRoute.tag' | t }}</nz-tag>
          }
        </nz-descriptions-item>
      }
      @for (field of facts(); track field) {
        <nz-descriptions-item [nzTitle]="label(field) | t">
          @if (field === 'siteDocumentKind') {
            {{ p.siteDocumentKind ? (siteDocumentKindKey(p.siteDocumentKind) | t) : '—' }}
          } @else {
            {{ p[field] ?? '—' }}{{ field === 'landAreaMu' && p.landAreaMu ? ('pipeline.unit.mu' | t) : '' }}{{
              field === 'plantAreaSqm' && p.plantAreaSqm ? ('pipeline.unit.sqm' | t) : ''
            }}
          }
        </nz-descriptions-item>
      }
    </nz-descriptions>
    @if (!editable().length) {
      <p class="muted">{{ 'pipeline.facts.enteredByMoving' | t }}</p>
    } @else if (canEdit()) {
      @if (editing()) {
        <form nz-form nzLayout="vertical" class="correction" [formGroup]="form" (ngSubmit)="save()" novalidate>
          @if (failure(); as text) {
            <nz-alert class="notice" nzType="error" nzShowIcon role="alert" [nzMessage]="text" [nzAction]="staleAction() ? reloadTpl : null" />
            <ng-template #reloadTpl>
              <button nz-button nzSize="small" type="button" (click)="reload.emit()">{{ 'pipeline.reload' | t }}</button>
            </ng-template>
          }
          @for (field of editable(); track field) {
            <nz-form-item>
              <nz-form-label [nzFor]="'fact-' + field" nzRequired>{{ label(field) | t }}</nz-form-label>
              <nz-form-control [nzValidateStatus]="errors()[field] ? 'error' : ''" [nzErrorTip]="errors()[field]">
                <input nz-input [id]="'fact-' + field" [type]="isDate(field) ? 'date' : 'text'" [formControlName]="field" />
              </nz-form-control>
            </nz-form-item>
          }
          <div class="actions">
            <button nz-button type="button" (click)="editing.set(false)">{{ 'common.cancel' | t }}</button>
            <button nz-button nzType="primary" type="submit" [nzLoading]="saving()">{{ 'common.save' | t }}</button>
          </div>
        </form>
      } @else {
        <button nz-button type="button" class="correct" (click)="startEditing()">{{ 'pipeline.facts.correct' | t }}</button>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .muted {
      margin-top: 12px;
      color: rgba(0, 0, 0, 0.62);
    }
    .correct {
      margin-top: 12px;
    }
    .correction {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 0 16px;
      margin-top: 16px;
      .notice,
      .actions {
        grid-column: 1 / -1;
      }
      .notice {
        margin-bottom: 12px;
      }
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FactsPanel {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);

  readonly detail = input.required<ProjectDetailView>();
  readonly canEdit = input(false);
  readonly changed = output<void>();
  readonly reload = output<void>();

  protected readonly fieldKey = fieldKey;
  protected readonly landRouteKey = landRouteKey;
  protected readonly siteDocumentKindKey = siteDocumentKindKey;
  /** 用地方式 the gates judged the project by (none recorded: 新增供地). */
  protected readonly route = computed(() => effectiveLandRoute(this.detail().project.landRoute));
  protected readonly markKey = computed(() => landRouteMarkKey(this.route()));
  /** The route is shown once it is recorded or the land is reached. */
  protected readonly showsRoute = computed(
    () => !!this.detail().project.landRoute || stageIndex(this.detail().project.stage) >= stageIndex('land'),
  );
  /** The facts of the project's route, then construction and completion. */
  protected readonly facts = computed(() => {
    const own = new Set(ROUTE_FACTS[this.route()]);
    return LATER_FACTS.filter((f) => own.has(f) || !LAND_FACTS.has(f));
  });
  /**
   * Only the facts of stages the project has reached may be corrected (the kind of title is chosen
   * when moving; a change of route goes through PATCH with the new route's facts).
   */
  protected readonly editable = computed(() => {
    const reached = stageIndex(this.detail().project.stage);
    return this.facts().filter((f) => f !== 'siteDocumentKind' && stageIndex(STAGE_FACT_STAGE[f]) <= reached);
  });

  /** On an existing site the parcel is the site itself. */
  protected label(field: LaterFact) {
    return field === 'landParcel' && isExistingSiteRoute(this.route()) ? ('pipeline.field.site' as const) : fieldKey(field);
  }
  protected readonly form = inject(NonNullableFormBuilder).group(
    Object.fromEntries(LATER_FACTS.map((f) => [f, ['']])) as Record<LaterFact, [string]>,
  );
  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly staleAction = signal(false);

  protected isDate(field: LaterFact): boolean {
    return DATE_FIELDS.includes(field);
  }

  protected startEditing(): void {
    const p = this.detail().project;
    this.form.setValue(Object.fromEntries(LATER_FACTS.map((f) => [f, p[f] ?? ''])) as Record<LaterFact, string>);
    this.errors.set({});
    this.failure.set('');
    this.staleAction.set(false);
    this.editing.set(true);
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const fields = this.editable();
    const errors: Record<string, string> = {};
    for (const f of fields) {
      const text = v[f].trim();
      if (!text) errors[f] = this.i18n.t('pipeline.move.required', { field: this.i18n.t(fieldKey(f)) });
      else if (f === 'landAreaMu' || f === 'plantAreaSqm') {
        const problem = decimalError(text, this.i18n.lang());
        if (problem) errors[f] = problem;
      } else if (this.isDate(f) && !validDate(text)) errors[f] = this.i18n.t('pipeline.form.badDate');
    }
    const facts = Object.fromEntries(fields.filter((f) => !errors[f]).map((f) => [f, v[f].trim()]));
    for (const problem of stageFactProblems(facts, this.clock.today())) {
      errors[problem.field] ??= problemText(problem, this.i18n.lang());
    }
    this.errors.set(errors);
    if (Object.keys(errors).length) return;
    const input: ProjectUpdateInput = { version: this.detail().project.version };
    for (const f of fields) Object.assign(input, { [f]: v[f].trim() });
    this.saving.set(true);
    this.failure.set('');
    try {
      await firstValueFrom(this.api.update(this.detail().project.id, input));
      this.editing.set(false);
      this.changed.emit();
    } catch (error) {
      this.staleAction.set(isStale(error));
      this.errors.set(fieldProblems(error, this.i18n.lang()));
      this.failure.set(isStale(error) ? this.i18n.t('pipeline.stale') : apiErrorText(error, this.i18n));
    } finally {
      this.saving.set(false);
    }
  }
}
