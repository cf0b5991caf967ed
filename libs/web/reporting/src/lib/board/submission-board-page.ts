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
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  SUBMISSION_CELL_STATES,
  addPeriods,
  isPeriod,
  type SubmissionBoardCell,
  type SubmissionBoardPeriod,
  type SubmissionBoardRow,
  type SubmissionBoardView,
  type SubmissionCellState,
  type StatWindow,
} from '@crm/domain';
import { AuthService, I18nService, TranslatePipe, apiErrorText, httpStatus } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription, combineLatest } from 'rxjs';
import { CELL_COLORS, cellStateKey } from '../data-access/labels';
import { SHANGHAI, type LoadState } from '../data-access/load-state';
import { currentPeriod, monthLabel, periodChoices, periodLabel, statWindowParams } from '../data-access/periods';
import { ReportingApi } from '../data-access/reporting.api';
import { UnitMonthDrawer, type UnitMonth } from './unit-month-drawer';
import { LoadStateView } from '@crm/web/ui';

/** Months on the board: half a year, ending with the month chosen. */
export const BOARD_MONTHS = 6;

/** States that count as submitted in a column's tally. */
const IN: readonly SubmissionCellState[] = ['on-time', 'late', 'returned', 'accepted'];

/**
 * /reports (office, admin) — 报送情况: the responsible units × the months, each cell on time,
 * late, missing, returned, accepted or not yet due; one click reminds a unit; a cell opens the
 * unit's report to accept or return it, or to extend the unit's deadline.
 */
@Component({
  selector: 'crm-submission-board-page',
  imports: [
    NzAlertModule,
    RouterLink,
    LoadStateView,
    DatePipe,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzTagModule,
    TranslatePipe,
    UnitMonthDrawer,
  ],
  templateUrl: './submission-board-page.html',
  styleUrl: './submission-board-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmissionBoardPage {
  private readonly api = inject(ReportingApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly tz = SHANGHAI;
  /** Only the office acts; admins read. */
  protected readonly canAct = inject(AuthService).hasRole('office');
  /** Leaders see the states of their chains' units, not the reports themselves. */
  protected readonly canRead = inject(AuthService).hasRole('office', 'admin');
  /** Accounts are created on the users page, which is the administrator's. */
  protected readonly isAdmin = inject(AuthService).hasRole('admin');
  protected readonly legend = SUBMISSION_CELL_STATES.map((state) => ({
    state,
    key: cellStateKey(state),
    color: CELL_COLORS[state],
  }));
  protected readonly end = signal(currentPeriod());
  protected readonly choices = computed(() =>
    periodChoices([this.end()]).map((period) => ({ period, label: periodLabel(period, this.lang()) })),
  );
  protected readonly state = signal<LoadState<SubmissionBoardView>>({ status: 'loading' });
  protected readonly board = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  /** Units nobody can report for nor remind: no active staff account. */
  protected readonly unitsWithoutAccounts = computed(() =>
    (this.board()?.rows ?? []).filter((r) => r.staffAccounts === 0).map((r) => r.unitName),
  );
  protected readonly tallies = computed(() => {
    const board = this.board();
    if (!board) return [];
    return board.periods.map((_, i) => ({
      submitted: board.rows.filter((row) => IN.includes(row.cells[i]?.state)).length,
      total: board.rows.length,
    }));
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly reminding = signal<string | null>(null);
  protected readonly locking = signal<string | null>(null);
  protected readonly cutting = signal<string | null>(null);
  protected readonly windowParams = statWindowParams;
  /** "1/26–2/25": a window in a column head. */
  protected shortWindow(w: StatWindow): string {
    const md = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
    return `${md(w.from)}–${md(w.to)}`;
  }
  protected lastDayOf(period: string): string {
    const [y, m] = period.split('-').map(Number);
    return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  /** The cell opened in the drawer. */
  protected readonly opened = signal<UnitMonth | null>(null);

  protected readonly cellKey = cellStateKey;
  protected readonly cellColor = (state: SubmissionCellState) => CELL_COLORS[state];
  protected readonly monthLabel = (period: string) => monthLabel(period, this.lang());
  protected readonly periodLabel = (period: string) => periodLabel(period, this.lang());

  constructor() {
    const route = inject(ActivatedRoute);
    combineLatest([route.paramMap, route.queryParamMap])
      .pipe(takeUntilDestroyed())
      .subscribe(([params, query]) => {
        const period = query.get('until') ?? params.get('period');
        this.end.set(period && isPeriod(period) ? period : currentPeriod());
        this.load();
      });
  }

  protected load(): void {
    this.request?.unsubscribe();
    if (!this.board()) this.state.set({ status: 'loading' });
    const to = this.end();
    this.request = this.api
      .board(addPeriods(to, -(BOARD_MONTHS - 1)), to)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (board) => {
          this.state.set({ status: 'ready', value: board });
          this.refreshOpened(board);
        },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected chooseEnd(period: string): void {
    if (period && period !== this.end()) {
      this.state.set({ status: 'loading' });
      void this.router.navigate(['/reports'], { queryParams: { until: period } });
    }
  }

  protected shift(months: number): void {
    this.chooseEnd(addPeriods(this.end(), months));
  }

  protected open(row: SubmissionBoardRow, index: number): void {
    const board = this.board();
    if (!board) return;
    this.opened.set({ unitId: row.unitId, unitName: row.unitName, period: board.periods[index], cell: row.cells[index] });
  }

  protected remind(row: SubmissionBoardRow, cell: SubmissionBoardCell): void {
    const key = `${row.unitId}:${cell.period}`;
    if (this.reminding()) return;
    this.reminding.set(key);
    this.api
      .remind({ unitId: row.unitId, period: cell.period })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.reminding.set(null);
          this.message.success(
            this.i18n.t(result.recipients ? 'reporting.board.reminded' : 'reporting.board.remindedNobody', {
              unit: row.unitName,
              count: result.recipients,
            }),
          );
          this.load();
        },
        error: (error: unknown) => {
          this.reminding.set(null);
          this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }

  /** The office moves the period's cut-off (统计截止日) within its month; an empty date restores the 25th. */
  protected setCutoff(period: SubmissionBoardPeriod, cutoff: string): void {
    if (this.cutting()) return;
    this.cutting.set(period.period);
    this.api
      .setCutoff(period.period, cutoff || null, period.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.cutting.set(null);
          this.message.success(
            this.i18n.t('reporting.board.cutoffSet', { period: this.periodLabel(period.period), ...statWindowParams(view.window) }),
          );
          this.load();
        },
        error: (error: unknown) => {
          this.cutting.set(null);
          // A gap or an overlap (422) says why; the board shows the window as it stands.
          this.message.error(apiErrorText(error, this.i18n));
          this.load();
        },
      });
  }

  protected lock(period: SubmissionBoardPeriod): void {
    if (this.locking()) return;
    this.locking.set(period.period);
    this.api
      .lock(period.period, period.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.locking.set(null);
          this.message.success(this.i18n.t('reporting.board.locked', { period: this.periodLabel(period.period) }));
          this.load();
        },
        error: (error: unknown) => {
          this.locking.set(null);
          this.message.error(apiErrorText(error, this.i18n));
          // Someone else changed the period meanwhile (409): the board shows it as it is now.
          if (httpStatus(error) === 409) this.load();
        },
      });
  }

  protected closeDrawer(): void {
    this.opened.set(null);
  }

  /** The drawer follows the board: after an action its cell shows the new state. */
  private refreshOpened(board: SubmissionBoardView): void {
    const opened = this.opened();
    if (!opened) return;
    const index = board.periods.findIndex((p) => p.period === opened.period.period);
    const row = board.rows.find((r) => r.unitId === opened.unitId);
    if (index < 0 || !row) {
      this.opened.set(null);
      return;
    }
    this.opened.set({ ...opened, period: board.periods[index], cell: row.cells[index] });
  }
}
