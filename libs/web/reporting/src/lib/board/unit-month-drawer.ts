import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  addPeriods,
  extensionProblem,
  periodBounds,
  periodDueDate,
  type MonthlyReportView,
  type SubmissionBoardCell,
  type SubmissionBoardPeriod,
} from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, pickLanguage, httpStatus, staleCurrent } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Observable, catchError, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { CELL_COLORS, cellStateKey } from '../data-access/labels';
import { SHANGHAI, type LoadState } from '../data-access/load-state';
import { lastOnTimeDay, periodLabel } from '../data-access/periods';
import { ReportingApi } from '../data-access/reporting.api';
import { ReportFigures } from '../report/report-figures';
import { DateInput } from '@crm/web/ui';

/** One cell of the board: a unit and a month. */
export interface UnitMonth {
  unitId: number;
  unitName: string;
  period: SubmissionBoardPeriod;
  cell: SubmissionBoardCell;
}

/** The office's side panel for one unit and month: the report to accept or return; the deadline to extend. */
@Component({
  selector: 'crm-unit-month-drawer',
  imports: [
    DateInput,
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzDrawerModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSkeletonModule,
    NzTagModule,
    ReportFigures,
    TranslatePipe,
  ],
  templateUrl: './unit-month-drawer.html',
  styleUrl: './unit-month-drawer.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnitMonthDrawer {
  private readonly api = inject(ReportingApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  readonly target = input<UnitMonth | null>(null);
  /** The office may act; admins only read. */
  readonly canAct = input(false);
  /** The office and admins read the reports; leaders see the states only. */
  readonly canRead = input(false);
  readonly closed = output<void>();
  /** Something changed: the board reloads. */
  readonly changed = output<void>();

  protected readonly tz = SHANGHAI;
  protected readonly lang = this.i18n.lang;
  protected readonly cellKey = cellStateKey;
  protected readonly cellColor = (cell: SubmissionBoardCell) => CELL_COLORS[cell.state];
  protected readonly title = computed(() => {
    const target = this.target();
    return target ? `${target.unitName} · ${periodLabel(target.period.period, this.lang())}` : '';
  });
  protected readonly dueDay = computed(() => {
    const target = this.target();
    return target ? lastOnTimeDay(target.cell.dueAt) : '';
  });

  /** The report, loaded again when another report is opened; replaced by the answer to an action. */
  private readonly updated = signal<MonthlyReportView | null>(null);
  private readonly loaded = toSignal(
    toObservable(computed(() => (this.canRead() ? (this.target()?.cell.reportId ?? null) : null))).pipe(
      distinctUntilChanged(),
      switchMap((id): Observable<LoadState<MonthlyReportView> | null> => {
        this.updated.set(null);
        this.resetForms();
        return id
          ? this.api.report(id).pipe(
              map((value): LoadState<MonthlyReportView> => ({ status: 'ready', value })),
              catchError((error: unknown) => of<LoadState<MonthlyReportView>>({ status: 'error', error })),
              startWith<LoadState<MonthlyReportView>>({ status: 'loading' }),
            )
          : of(null);
      }),
    ),
    { initialValue: null },
  );
  protected readonly reportState = computed<LoadState<MonthlyReportView> | null>(() => {
    const updated = this.updated();
    return updated ? { status: 'ready', value: updated } : this.loaded();
  });
  protected readonly report = computed(() => {
    const state = this.reportState();
    return state?.status === 'ready' ? state.value : null;
  });
  protected readonly loadErrorText = computed(() => {
    const state = this.reportState();
    return state?.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly reviewable = computed(
    () => this.canAct() && !this.target()?.period.locked && this.report()?.state === 'submitted',
  );
  protected readonly extendable = computed(() => {
    const target = this.target();
    return this.canAct() && !!target && !target.period.locked && !target.cell.submittedAt;
  });
  protected readonly extendBounds = computed(() => {
    const target = this.target();
    if (!target) return { min: '', max: '' };
    const period = target.period.period;
    const first = new Date(`${periodDueDate(period)}T00:00:00Z`);
    first.setUTCDate(first.getUTCDate() + 1);
    return { min: first.toISOString().slice(0, 10), max: periodBounds(addPeriods(period, 1)).lastDay };
  });

  protected readonly comment = signal('');
  protected readonly commentError = signal('');
  protected readonly extendTo = signal('');
  protected readonly extendReason = signal('');
  protected readonly extendError = signal('');
  protected readonly busy = signal<'accept' | 'return' | 'extend' | 'remind' | null>(null);
  protected readonly actionError = signal('');

  protected close(): void {
    this.closed.emit();
  }

  protected accept(): void {
    const report = this.report();
    if (!report?.id) return;
    this.review('accept', this.api.accept(report.id, report.version), 'reporting.review.accepted');
  }

  protected returnForRevision(): void {
    const report = this.report();
    if (!report?.id) return;
    const comment = this.comment().trim();
    if (!comment) {
      this.commentError.set(this.i18n.t('reporting.review.commentRequired'));
      return;
    }
    this.review('return', this.api.returnReport(report.id, report.version, comment), 'reporting.review.returned');
  }

  protected extend(): void {
    const target = this.target();
    if (!target || this.busy()) return;
    const problem = extensionProblem(target.period.period, this.extendTo());
    if (problem) {
      this.extendError.set(pickLanguage(problem, this.lang()));
      return;
    }
    if (!this.extendReason().trim()) {
      this.extendError.set(this.i18n.t('reporting.review.reasonRequired'));
      return;
    }
    this.busy.set('extend');
    this.extendError.set('');
    this.api
      .extend(target.period.period, {
        unitId: target.unitId,
        extendedTo: this.extendTo(),
        reason: this.extendReason().trim(),
        version: target.period.version ?? undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busy.set(null);
          this.message.success(
            this.i18n.t('reporting.review.extended', { unit: target.unitName, day: this.extendTo() }),
          );
          this.resetForms();
          this.changed.emit();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.extendError.set(apiErrorText(error, this.i18n));
          // Someone else changed the period meanwhile (409): the board reads it again; what was typed stays.
          if (httpStatus(error) === 409) this.changed.emit();
        },
      });
  }

  protected remind(): void {
    const target = this.target();
    if (!target || this.busy()) return;
    this.busy.set('remind');
    this.api
      .remind({ unitId: target.unitId, period: target.period.period })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.busy.set(null);
          this.message.success(
            this.i18n.t(result.recipients ? 'reporting.board.reminded' : 'reporting.board.remindedNobody', {
              unit: target.unitName,
              count: result.recipients,
            }),
          );
          this.changed.emit();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.actionError.set(apiErrorText(error, this.i18n));
        },
      });
  }

  private review(
    kind: 'accept' | 'return',
    call$: Observable<MonthlyReportView>,
    done: 'reporting.review.accepted' | 'reporting.review.returned',
  ): void {
    if (this.busy()) return;
    this.busy.set(kind);
    this.actionError.set('');
    call$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (report) => {
        this.busy.set(null);
        this.updated.set(report);
        this.resetForms();
        this.message.success(this.i18n.t(done));
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const current = staleCurrent<MonthlyReportView>(error);
        if (current) {
          this.updated.set(current);
          this.actionError.set(this.i18n.t('reporting.review.stale'));
          this.changed.emit();
          return;
        }
        this.actionError.set(apiErrorText(error, this.i18n));
      },
    });
  }

  private resetForms(): void {
    this.comment.set('');
    this.commentError.set('');
    this.extendTo.set('');
    this.extendReason.set('');
    this.extendError.set('');
    this.actionError.set('');
  }
}
