import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { LeftOutline, ReloadOutline, RightOutline } from '@ant-design/icons-angular/icons';
import { addDays, type WeeklyDigestChainSection, type WeeklyDigestView } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { DateInput, LoadStateView, WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { MeetingPackApi, type LoadState } from '../data-access/meeting-pack.api';
import { isDateText, meetingKindKey, mondayOf, problemText, stageKey } from '../data-access/pack-format';

/**
 * /meetings/digest?week=YYYY-MM-DD — 周跟踪: the Monday digest of the user's chains (what the
 * notification bell links to): new leads, stage moves, signings, funds, action items falling due
 * and overdue follow-ups of the week before the Monday.
 */
@Component({
  selector: 'crm-weekly-digest-page',
  imports: [
    LoadStateView,
    DateInput,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzResultModule,
    NzTagModule,
    RouterLink,
    TranslatePipe,
    WanPipe,
  ],
  providers: [provideNzIconsPatch([LeftOutline, ReloadOutline, RightOutline])],
  templateUrl: './weekly-digest-page.html',
  styleUrls: ['../pack/page-header.less', './weekly-digest-page.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WeeklyDigestPage {
  private readonly api = inject(MeetingPackApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly lang = this.i18n.lang;
  protected readonly stageKey = stageKey;
  protected readonly meetingKindKey = meetingKindKey;
  /** ?week= when it is a Monday (another day means its week's Monday); null: the latest. */
  protected readonly week = toSignal(
    this.route.queryParamMap.pipe(map((params) => weekFrom(params.get('week')))),
    { initialValue: weekFrom(this.route.snapshot.queryParamMap.get('week')) },
  );
  private readonly reload = signal(0);
  protected readonly state = signal<LoadState<WeeklyDigestView>>({ status: 'loading' });
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? problemText(state.error, this.i18n) : '';
  });
  /** The Monday shown: the one asked for, else the API's latest. */
  protected readonly shownWeek = computed(() => this.week() ?? this.view()?.week ?? null);
  /** The picker offers Mondays only. */
  protected readonly isMonday = (day: string): boolean => isDateText(day) && mondayOf(day) === day;

  constructor() {
    toObservable(computed(() => ({ week: this.week(), n: this.reload() })))
      .pipe(
        switchMap(({ week }) =>
          this.api.digest(week).pipe(
            map((value): LoadState<WeeklyDigestView> => ({ status: 'ready', value })),
            catchError((error: unknown) => of<LoadState<WeeklyDigestView>>({ status: 'error', error })),
            startWith<LoadState<WeeklyDigestView>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected chooseDate(day: string): void {
    if (isDateText(day)) this.chooseWeek(mondayOf(day));
  }

  /** 上一周 / 下一周. */
  protected step(weeks: number): void {
    const week = this.shownWeek();
    if (week) this.chooseWeek(addDays(week, weeks * 7));
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  /** Nothing happened in the chain that week. */
  protected quiet(section: WeeklyDigestChainSection): boolean {
    return (
      !section.newLeads.length &&
      !section.stageMoves.length &&
      !section.signings.length &&
      !section.funds.length &&
      !section.itemsDue.length &&
      !section.overdueFollowUps.length
    );
  }

  private chooseWeek(week: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { week }, queryParamsHandling: 'merge' });
  }
}

function weekFrom(value: string | null): string | null {
  return isDateText(value) ? mondayOf(value) : null;
}
