import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import type { MonthlyReportNarrative, MonthlyReportView } from '@crm/domain';
import {
  I18nService,
  MessageKey,
  TranslatePipe,
  apiErrorText,
  apiFieldErrors,
  httpStatus,
  staleCurrent,
} from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Observable, Subscription, map, switchMap, tap } from 'rxjs';
import { REPORT_STATE_COLORS, reportStateKey } from '../data-access/labels';
import { SHANGHAI, type LoadState } from '../data-access/load-state';
import {
  currentPeriod,
  daysLeft,
  lastOnTimeDay,
  periodChoices,
  periodLabel,
} from '../data-access/periods';
import { ReportingApi } from '../data-access/reporting.api';
import { ReportFigures } from './report-figures';
import { HasUnsavedChanges, LoadStateView, warnBeforeUnload } from '@crm/web/ui';

/** The longest narrative the API takes, per field. */
export const NARRATIVE_MAX = 10_000;

const FIELDS = ['workDone', 'problems', 'nextMonthPlan'] as const;
type NarrativeField = (typeof FIELDS)[number];

/**
 * /reports (staff) and /reports/:period — 月度报送: the unit's report for a month, pre-filled with
 * the month's figures per chain; the unit writes its narrative, saves a draft and submits it.
 */
@Component({
  selector: 'crm-monthly-report-page',
  imports: [
    LoadStateView,
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzPopconfirmModule,
    NzResultModule,
    NzSelectModule,
    NzTagModule,
    ReportFigures,
    TranslatePipe,
  ],
  templateUrl: './monthly-report-page.html',
  styleUrl: './monthly-report-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthlyReportPage implements HasUnsavedChanges {
  private readonly api = inject(ReportingApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly tz = SHANGHAI;
  protected readonly fields = FIELDS;
  protected readonly maxLength = NARRATIVE_MAX;
  protected readonly period = signal(currentPeriod());
  private readonly knownPeriods = signal<string[]>([]);
  protected readonly choices = computed(() =>
    periodChoices([...this.knownPeriods(), this.period()]).map((period) => ({
      period,
      label: periodLabel(period, this.lang()),
    })),
  );

  protected readonly state = signal<LoadState<MonthlyReportView>>({ status: 'loading' });
  protected readonly report = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly narrative = signal<MonthlyReportNarrative>(emptyNarrative());
  /** The version the next save carries: the one read, or the other's once the user keeps their own text. */
  private readonly baseVersion = signal(0);
  /** The report someone else saved first (409), shown beside the user's text. */
  protected readonly stale = signal<MonthlyReportView | null>(null);
  protected readonly busy = signal<'save' | 'submit' | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<NarrativeField, string>>>({});
  protected readonly actionError = signal('');

  protected readonly editable = computed(() => {
    const report = this.report();
    return !!report && (report.state === 'draft' || report.state === 'returned');
  });
  protected readonly dirty = computed(() => {
    const report = this.report();
    const narrative = this.narrative();
    return !!report && FIELDS.some((field) => narrative[field] !== report[field]);
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  /** 403: the account has no unit; 422: the period is not open yet. */
  protected readonly errorKind = computed(() => {
    const state = this.state();
    if (state.status !== 'error') return null;
    const status = httpStatus(state.error);
    return status === 403 ? 'no-unit' : status === 422 ? 'not-open' : 'failed';
  });
  protected readonly deadline = computed(() => {
    const report = this.report();
    if (!report) return null;
    return { day: lastOnTimeDay(report.dueAt), left: daysLeft(report.dueAt) };
  });
  protected readonly stateKey = reportStateKey;
  protected readonly labelKey = (field: NarrativeField): MessageKey => `reporting.narrative.${field}`;
  protected readonly hintKey = (field: NarrativeField): MessageKey => `reporting.narrative.${field}Hint`;
  protected readonly stateColor = (state: MonthlyReportView['state']) => REPORT_STATE_COLORS[state];

  /** Narrative text typed into a report that may still be edited, not yet saved. */
  hasUnsavedChanges(): boolean {
    return this.editable() && this.dirty();
  }

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('period') ?? currentPeriod()),
        takeUntilDestroyed(),
      )
      .subscribe((period) => {
        this.period.set(period);
        this.load();
      });
    this.api
      .periods()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (periods) => {
          const now = Date.now();
          this.knownPeriods.set(
            periods.filter((p) => Date.parse(p.opensAt) <= now).map((p) => p.period),
          );
        },
        // The picker still offers the last twelve months.
        error: () => undefined,
      });
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.stale.set(null);
    this.fieldErrors.set({});
    this.actionError.set('');
    this.request = this.api
      .mine(this.period())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (report) => this.show(report),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected choosePeriod(period: string): void {
    if (period && period !== this.period()) {
      void this.router.navigate(['/reports', period]);
    }
  }

  protected setField(field: NarrativeField, value: string): void {
    this.narrative.update((n) => ({ ...n, [field]: value }));
    if (this.fieldErrors()[field]) {
      this.fieldErrors.update((errors) => ({ ...errors, [field]: undefined }));
    }
  }

  protected save(): void {
    this.run('save', this.saveDraft(), (report) => {
      this.show(report);
      this.message.success(this.i18n.t('reporting.report.saved'));
    });
  }

  /** Saves what is written, then submits that version: what the unit sees is what it submits. */
  protected submit(): void {
    if (!this.narrative().workDone.trim()) {
      this.fieldErrors.set({ workDone: this.i18n.t('reporting.report.workDoneRequired') });
      return;
    }
    const period = this.period();
    const saved$ = this.dirty() || this.baseVersion() === 0 ? this.saveDraft() : null;
    const submitted$ = saved$
      ? saved$.pipe(
          // The draft is saved even if the submission then fails: its version moves on.
          tap((report) => this.show(report)),
          switchMap((report) => this.api.submit(period, report.version)),
        )
      : this.api.submit(period, this.baseVersion());
    this.run('submit', submitted$, (report) => {
      this.show(report);
      this.message.success(
        this.i18n.t(report.late ? 'reporting.report.submittedLate' : 'reporting.report.submittedOnTime'),
      );
    });
  }

  /** Takes the other save as it is, dropping the user's edits. */
  protected useTheirs(): void {
    const theirs = this.stale();
    if (theirs) this.show(theirs);
  }

  /** Keeps the user's text; the next save replaces the other one. */
  protected keepMine(): void {
    const theirs = this.stale();
    if (!theirs) return;
    this.baseVersion.set(theirs.version);
    this.state.set({ status: 'ready', value: theirs });
    this.stale.set(null);
  }

  private saveDraft(): Observable<MonthlyReportView> {
    return this.api.saveDraft(this.period(), {
      ...this.narrative(),
      version: this.baseVersion(),
    });
  }

  private run(
    kind: 'save' | 'submit',
    call$: Observable<MonthlyReportView>,
    done: (report: MonthlyReportView) => void,
  ): void {
    if (this.busy()) return;
    this.busy.set(kind);
    this.actionError.set('');
    this.fieldErrors.set({});
    call$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (report) => {
        this.busy.set(null);
        done(report);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const current = staleCurrent<MonthlyReportView>(error);
        if (current) {
          this.stale.set(current);
          return;
        }
        const fields = apiFieldErrors(error, this.lang());
        this.fieldErrors.set(fields);
        if (!Object.keys(fields).length) {
          this.actionError.set(apiErrorText(error, this.i18n));
        }
      },
    });
  }

  private show(report: MonthlyReportView): void {
    this.state.set({ status: 'ready', value: report });
    this.narrative.set({
      workDone: report.workDone,
      problems: report.problems,
      nextMonthPlan: report.nextMonthPlan,
    });
    this.baseVersion.set(report.version);
    this.stale.set(null);
  }
}

function emptyNarrative(): MonthlyReportNarrative {
  return { workDone: '', problems: '', nextMonthPlan: '' };
}
