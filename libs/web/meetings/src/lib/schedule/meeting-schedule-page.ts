import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import { ReloadOutline, SaveOutline } from '@ant-design/icons-angular/icons';
import {
  MEETING_SCHEDULE_LIMITS,
  type ChainCode,
  type MeetingScheduleRow,
  type MeetingScheduleStatus,
  type MeetingScheduleView,
} from '@crm/domain';
import { AuthService, I18nService, TranslatePipe, staleCurrent } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { MeetingPackApi, type LoadState } from '../data-access/meeting-pack.api';
import { problemText, scheduleStatusKey } from '../data-access/pack-format';
import { DateInput, LoadStateView } from '@crm/web/ui';

/** The month in the URL (?year=&month=); null lets the API choose this month (Shanghai). */
interface ScheduleMonth {
  year: number | null;
  month: number | null;
}

function monthFrom(params: ParamMap): ScheduleMonth {
  const year = Number(params.get('year'));
  const month = Number(params.get('month'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 && Number.isInteger(month) && month >= 1 && month <= 12
    ? { year, month }
    : { year: null, month: null };
}

/** The office's edit of one chain's row, before it is saved. */
interface ScheduleDraft {
  dayOfMonth: number | null;
  remindDaysBefore: number;
}

const STATUS_COLORS: Record<MeetingScheduleStatus, string> = {
  held: 'success',
  upcoming: 'processing',
  missing: 'red',
  unscheduled: 'default',
};

/**
 * /meetings/schedule — 月调度会日程: each chain's monthly 月调度会 day and how many days ahead its
 * people are reminded, and for the month chosen whether it was held. The office sets the days.
 */
@Component({
  selector: 'crm-meeting-schedule-page',
  imports: [
    LoadStateView,
    DateInput,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputNumberModule,
    NzTableModule,
    NzTagModule,
    RouterLink,
    TranslatePipe,
  ],
  providers: [provideNzIconsPatch([ReloadOutline, SaveOutline])],
  templateUrl: './meeting-schedule-page.html',
  styleUrls: ['../pack/page-header.less', './meeting-schedule-page.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingSchedulePage {
  private readonly api = inject(MeetingPackApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly limits = MEETING_SCHEDULE_LIMITS;
  protected readonly statusKey = scheduleStatusKey;
  /** Only the office sets the days (the API refuses anyone else). */
  protected readonly canEdit = computed(() => this.auth.hasRole('office'));

  private readonly at = toSignal(this.route.queryParamMap.pipe(map(monthFrom)), {
    initialValue: monthFrom(this.route.snapshot.queryParamMap),
  });
  private readonly reload = signal(0);
  protected readonly state = signal<LoadState<MeetingScheduleView>>({ status: 'loading' });
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? problemText(state.error, this.i18n) : '';
  });
  /** The month shown, YYYY-MM. */
  protected readonly monthText = computed(() => {
    const view = this.view();
    return view ? `${view.year}-${String(view.month).padStart(2, '0')}` : '';
  });

  protected readonly drafts = signal<Partial<Record<ChainCode, ScheduleDraft>>>({});
  protected readonly saving = signal<Partial<Record<ChainCode, boolean>>>({});
  protected readonly rowErrors = signal<Partial<Record<ChainCode, string>>>({});

  constructor() {
    toObservable(computed(() => ({ at: this.at(), n: this.reload() })))
      .pipe(
        switchMap(({ at }) =>
          this.api.schedule(at.year, at.month).pipe(
            map((value): LoadState<MeetingScheduleView> => ({ status: 'ready', value })),
            catchError((error: unknown) => of<LoadState<MeetingScheduleView>>({ status: 'error', error })),
            startWith<LoadState<MeetingScheduleView>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') {
          this.drafts.set(Object.fromEntries(state.value.rows.map((row) => [row.chain.code, draftOf(row)])));
          this.rowErrors.set({});
        }
      });
  }

  protected chooseMonth(month: string): void {
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    if (!m) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { year: Number(m[1]), month: Number(m[2]) },
      queryParamsHandling: 'merge',
    });
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  protected statusColor(status: MeetingScheduleStatus): string {
    return STATUS_COLORS[status];
  }

  protected draft(row: MeetingScheduleRow): ScheduleDraft {
    return this.drafts()[row.chain.code] ?? draftOf(row);
  }

  protected edit(row: MeetingScheduleRow, change: Partial<ScheduleDraft>): void {
    const code = row.chain.code;
    this.drafts.update((all) => ({ ...all, [code]: { ...this.draft(row), ...change } }));
    this.rowErrors.update((all) => ({ ...all, [code]: '' }));
  }

  protected dirty(row: MeetingScheduleRow): boolean {
    const draft = this.draft(row);
    return draft.dayOfMonth !== row.dayOfMonth || draft.remindDaysBefore !== row.remindDaysBefore;
  }

  /** PUT the row; the answer (or, failing a row in it, the month read again) shows the new status. */
  protected save(row: MeetingScheduleRow): void {
    const code = row.chain.code;
    if (this.saving()[code]) return;
    const draft = this.draft(row);
    const problem = this.problemOf(draft);
    if (problem) {
      this.rowErrors.update((all) => ({ ...all, [code]: problem }));
      return;
    }
    this.saving.update((all) => ({ ...all, [code]: true }));
    this.rowErrors.update((all) => ({ ...all, [code]: '' }));
    this.api
      .saveSchedule(code, { dayOfMonth: draft.dayOfMonth, remindDaysBefore: draft.remindDaysBefore, version: row.version })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.saving.update((all) => ({ ...all, [code]: false }));
          this.message.success(this.i18n.t('meetingPack.schedule.saved', { chain: row.chain.nameZh }));
          if (saved && typeof saved === 'object' && saved.chain?.code === code && 'status' in saved) {
            this.replace(saved);
          } else {
            this.reload.update((n) => n + 1);
          }
        },
        error: (error: unknown) => {
          this.saving.update((all) => ({ ...all, [code]: false }));
          // Someone else saved this chain's day first (409): the row shows it as it is now, with the message.
          const current = staleCurrent<MeetingScheduleRow>(error);
          if (current?.chain?.code === code) this.replace(current);
          this.rowErrors.update((all) => ({ ...all, [code]: problemText(error, this.i18n) }));
        },
      });
  }

  /** Whole numbers within the limits; an empty day clears the schedule. */
  private problemOf(draft: ScheduleDraft): string {
    const { dayOfMonth: day, remindDaysBefore: remind } = MEETING_SCHEDULE_LIMITS;
    if (draft.dayOfMonth !== null && (!Number.isInteger(draft.dayOfMonth) || draft.dayOfMonth < day.min || draft.dayOfMonth > day.max)) {
      return this.i18n.t('meetingPack.schedule.dayInvalid', { min: day.min, max: day.max });
    }
    if (
      draft.remindDaysBefore === null ||
      !Number.isInteger(draft.remindDaysBefore) ||
      draft.remindDaysBefore < remind.min ||
      draft.remindDaysBefore > remind.max
    ) {
      return this.i18n.t('meetingPack.schedule.remindInvalid', { min: remind.min, max: remind.max });
    }
    return '';
  }

  private replace(saved: MeetingScheduleRow): void {
    const state = this.state();
    if (state.status !== 'ready') return;
    const rows = state.value.rows.map((row) => (row.chain.code === saved.chain.code ? saved : row));
    this.state.set({ status: 'ready', value: { ...state.value, rows } });
    this.drafts.update((all) => ({ ...all, [saved.chain.code]: draftOf(saved) }));
  }
}

function draftOf(row: MeetingScheduleRow): ScheduleDraft {
  return { dayOfMonth: row.dayOfMonth, remindDaysBefore: row.remindDaysBefore };
}
