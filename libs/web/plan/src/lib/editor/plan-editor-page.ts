import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { AnnualPlanView, ChainView, UnitView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, httpStatus, pickLanguage, saveBlob } from '@crm/web/core';
import { HasUnsavedChanges, LoadState, LoadStateView, PageHeader, warnBeforeUnload } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { STATUS_COLORS, shanghaiDay, statusKey } from '../data-access/plan-labels';
import { PlanRights } from '../data-access/plan-rights';
import { PlanApi } from '../data-access/plan.api';
import { problemList } from '../data-access/problems';
import { PlanImportDialog } from '../import/plan-import-dialog';
import { PlanSubnav } from '../plan-subnav';
import { PlanDiff } from './plan-diff';
import { PlanKeyTasksSection } from './plan-key-tasks-section';
import { PlanTargetsSection } from './plan-targets-section';

/** What the page shows: the plan, or that the year has none (and which year to draft it from). */
type EditorState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: AnnualPlanView }
  | { status: 'missing'; fromYear: number | null };

/**
 * /plan/:year — one year's 年度工作方案: its targets, sector growth and key tasks, its status, and
 * what it changes against the year before. The office edits (and publishes a complete draft);
 * everyone else reads, with no edit controls shown.
 */
@Component({
  selector: 'crm-plan-editor-page',
  imports: [
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzModalModule,
    NzResultModule,
    NzTabsModule,
    NzTagModule,
    PageHeader,
    PlanDiff,
    PlanImportDialog,
    PlanKeyTasksSection,
    PlanSubnav,
    PlanTargetsSection,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './plan-editor-page.html',
  styleUrl: './plan-editor-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanEditorPage implements HasUnsavedChanges {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly mayEdit = inject(PlanRights).mayEdit;
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;

  protected readonly year = signal(0);
  protected readonly state = signal<EditorState>({ status: 'loading' });
  /** For the shared load-state view: missing is handled by this page. */
  protected readonly loadState = computed<LoadState<unknown>>(() => {
    const state = this.state();
    return state.status === 'missing' ? { status: 'ready', value: null } : state;
  });
  protected readonly plan = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly missing = computed(() => {
    const state = this.state();
    return state.status === 'missing' ? state : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  /** 发布于…, or where the draft came from; the version each change bumps. */
  protected readonly subtitle = computed(() => {
    const p = this.plan();
    if (!p) return '';
    if (p.status === 'published') {
      return this.i18n.t('plan.editor.publishedOn', { date: shanghaiDay(p.publishedAt), version: p.version });
    }
    return p.draftedFrom
      ? this.i18n.t('plan.editor.draftedFrom', { from: p.draftedFrom, version: p.version })
      : this.i18n.t('plan.editor.blankDraft', { version: p.version });
  });
  /** What publishing would still refuse, as the plan itself says. */
  protected readonly pending = computed(() =>
    (this.plan()?.problems ?? []).map((p) => pickLanguage(p, this.i18n.lang())),
  );

  protected readonly chains = signal<ChainView[]>([]);
  protected readonly units = signal<UnitView[]>([]);
  protected readonly tab = signal(0);

  protected readonly publishOpen = signal(false);
  protected readonly publishing = signal(false);
  /** The API's refusal to publish, one line per missing piece. */
  protected readonly publishProblems = signal<string[]>([]);
  protected readonly drafting = signal(false);
  protected readonly exporting = signal(false);
  protected readonly importOpen = signal(false);

  private readonly targetsSection = viewChild(PlanTargetsSection);
  private readonly keyTasksSection = viewChild(PlanKeyTasksSection);

  /** A target, sector or key-task dialog is open with what it holds not saved. */
  hasUnsavedChanges(): boolean {
    return !!(this.targetsSection()?.hasOpenForm() || this.keyTasksSection()?.hasOpenForm());
  }

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    this.api
      .chains()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (chains) => this.chains.set(chains), error: () => undefined });
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        this.year.set(Number(params.get('year')));
        this.tab.set(0);
        this.publishProblems.set([]);
        this.load();
      });
    if (this.mayEdit()) {
      this.api
        .units()
        .pipe(takeUntilDestroyed())
        .subscribe({ next: (units) => this.units.set(units), error: () => undefined });
    }
  }

  protected load(): void {
    const year = this.year();
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .getPlan(year)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (plan) => this.state.set({ status: 'ready', value: plan }),
        error: (error: unknown) => {
          if (httpStatus(error) === 404) {
            this.findDraftSource(year);
          } else {
            this.state.set({ status: 'error', error });
          }
        },
      });
  }

  /** Reads the plan again behind an open dialog (someone else changed it: 409). */
  protected refresh(): void {
    this.api
      .getPlan(this.year())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (plan) => this.state.set({ status: 'ready', value: plan }), error: () => undefined });
  }

  /** No plan for the year: the latest earlier plan is the one to draft it from. */
  private findDraftSource(year: number): void {
    if (!this.mayEdit()) {
      this.state.set({ status: 'missing', fromYear: null });
      return;
    }
    this.request = this.api
      .listPlans()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (plans) => {
          const earlier = plans.map((p) => p.year).filter((y) => y < year);
          this.state.set({ status: 'missing', fromYear: earlier.length ? Math.max(...earlier) : null });
        },
        error: () => this.state.set({ status: 'missing', fromYear: null }),
      });
  }

  protected draft(fromYear: number | null): void {
    if (this.drafting()) return;
    const year = this.year();
    this.drafting.set(true);
    this.api
      .draft(year, fromYear)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (plan) => {
          this.drafting.set(false);
          this.state.set({ status: 'ready', value: plan });
          this.message.success(this.i18n.t('plan.list.drafted', { year }));
        },
        error: (error: unknown) => {
          this.drafting.set(false);
          this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }

  protected changed(plan: AnnualPlanView): void {
    this.state.set({ status: 'ready', value: plan });
    this.publishProblems.set([]);
  }

  /** 导出Excel: the year's plan as the workbook the office edits and imports back. */
  protected exportWorkbook(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.api
      .workbook(this.year())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (file) => {
          this.exporting.set(false);
          saveBlob(file.blob, file.fileName);
        },
        error: (error: unknown) => {
          this.exporting.set(false);
          this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }

  /** A workbook was imported: the plan as it now stands (the dialog said 已导入). */
  protected imported(plan: AnnualPlanView): void {
    this.tab.set(0);
    this.changed(plan);
  }

  protected confirmPublish(): void {
    const plan = this.plan();
    if (!plan || this.publishing()) return;
    this.publishing.set(true);
    this.api
      .publish(plan.year, plan.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (published) => {
          this.publishing.set(false);
          this.publishOpen.set(false);
          this.publishProblems.set([]);
          this.state.set({ status: 'ready', value: published });
          this.message.success(this.i18n.t('plan.publish.done', { year: published.year }));
        },
        error: (error: unknown) => {
          this.publishing.set(false);
          this.publishOpen.set(false);
          const status = httpStatus(error);
          if (status === 422) {
            this.publishProblems.set(problemList(error, this.i18n));
          } else {
            this.message.error(apiErrorText(error, this.i18n));
            if (status === 409) this.load();
          }
        },
      });
  }
}
