import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toObservable, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  ALERT_KINDS,
  rankingMeasured,
  type CockpitChainFigures,
  type CockpitTrendSeries,
  type CockpitView,
  statWindowLabel,
  type StatWindow,
} from '@crm/domain';
import {
  AuthService,
  I18nService,
  PlanMissingNotice,
  TranslatePipe,
  apiErrorText,
} from '@crm/web/core';
import { LoadStateView, WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { Chart } from '../charts/chart';
import { moneyTrendOption } from '../charts/trend-chart';
import { CockpitApi } from '../data-access/cockpit.api';
import {
  alertKindKey,
  bigProjectsLabel,
  projectsParams,
  shortRate,
} from '../data-access/figures';
import type { LoadState } from '../data-access/load-state';
import { monthInUrl } from '../data-access/month-route';
import { MeasureFigure } from '../figures/measure-figure';
import { YearOnYearNote } from '../figures/year-on-year-note';
import { MonthPicker } from '../figures/month-picker';
import { SectorGrowthTable } from '../figures/sector-growth-table';
import { AlertSettingsDrawer } from '../settings/alert-settings-drawer';

/** /cockpit — 领导驾驶舱: the chains side by side for a year to date, the totals, trends, ranking. */
@Component({
  selector: 'crm-city-cockpit-page',
  imports: [
    LoadStateView,
    AlertSettingsDrawer,
    Chart,
    FormsModule,
    MeasureFigure,
    YearOnYearNote,
    MonthPicker,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzSelectModule,
    NzSkeletonModule,
    NzTableModule,
    NzTagModule,
    PlanMissingNotice,
    RouterLink,
    SectorGrowthTable,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './city-cockpit-page.html',
  styleUrls: ['./city-cockpit-page.less', '../print/print.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CityCockpitPage {
  private readonly api = inject(CockpitApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly url = monthInUrl();
  private readonly wan = new WanPipe();

  /** 统计区间 of the period shown: "2026年10月26日—11月25日" (zh), the two dates (en). */
  protected readonly windowParams = (w: StatWindow) => ({ label: statWindowLabel(w), from: w.from, to: w.to });
  protected readonly lang = this.i18n.lang;
  protected readonly alertKinds = ALERT_KINDS;
  protected readonly alertKindKey = alertKindKey;
  protected readonly projectsParams = projectsParams;
  protected readonly shortRate = shortRate;
  /** The office sets the alerts' Ns (the API lets only the office write them). */
  protected readonly canSetAlerts = computed(() => this.auth.hasRole('office'));
  protected readonly settingsOpen = signal(false);
  /** The trend shown: the totals ('all') or one chain. */
  protected readonly trendChain = signal<string>('all');

  private readonly reload = signal(0);
  protected readonly state = signal<LoadState<CockpitView>>({
    status: 'loading',
  });
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });

  protected readonly trendSeries = computed<CockpitTrendSeries | null>(() => {
    const series = this.view()?.trend.series ?? [];
    const code = this.trendChain();
    return (
      series.find((s) => (s.chain?.code ?? 'all') === code) ??
      series.find((s) => s.chain === null) ??
      null
    );
  });
  /** A ranking where every score is 0 ranks nothing: it is not shown as one. */
  protected readonly rankingMeasured = computed(() =>
    rankingMeasured(this.view()?.ranking.rows ?? []),
  );
  /** The totals' and the chain table's big-project label: the shared threshold or 各链标准. */
  protected readonly bigLabel = computed(() =>
    bigProjectsLabel(this.i18n.t, this.lang(), (this.view()?.chains ?? []).map((c) => c.target?.bigProjectThreshold)),
  );
  protected readonly signedChart = computed(() => this.trend('signed'));
  protected readonly fundsChart = computed(() => this.trend('funds'));

  constructor() {
    toObservable(computed(() => ({ at: this.url.month(), n: this.reload() })))
      .pipe(
        switchMap(({ at }) =>
          this.api.city(at).pipe(
            map((value): LoadState<CockpitView> => ({
              status: 'ready',
              value,
            })),
            catchError((error: unknown) =>
              of<LoadState<CockpitView>>({ status: 'error', error }),
            ),
            startWith<LoadState<CockpitView>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected choose(at: { year: number; month: number }): void {
    this.url.choose(at);
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  protected print(): void {
    window.print();
  }

  /** A city target as the plan writes it: "220亿元以上" where it says at least. */
  protected cityTarget(value: string | null, atLeast: boolean): string {
    const shown = this.wan.transform(value, this.lang(), 2);
    return value !== null && atLeast
      ? this.i18n.t('target.atLeast.amount', { value: shown })
      : shown;
  }

  /** A chain's own big-project label: "10亿元以上项目" with its threshold. */
  protected chainBigLabel(c: CockpitChainFigures): string {
    return bigProjectsLabel(this.i18n.t, this.lang(), [c.target?.bigProjectThreshold]);
  }

  protected chainQuery(): Record<string, number> {
    const view = this.view();
    return view ? { year: view.year, month: view.month } : {};
  }

  private trend(kind: 'signed' | 'funds') {
    const series = this.trendSeries();
    const months = this.view()?.trend.months ?? [];
    return series ? moneyTrendOption(series, months, kind, this.i18n) : null;
  }
}
