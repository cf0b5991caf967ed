import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toObservable, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  AlertKind,
  ChainCockpitView,
  CockpitProjectRef,
  InstructionView,
  Stage,
  StatWindow,
} from '@crm/domain';
import { statWindowLabel } from '@crm/domain';
import {
  AuthService,
  I18nService,
  PlanMissingNotice,
  TranslatePipe,
  apiErrorText,
} from '@crm/web/core';
import { BlockedByNeedsTable } from '@crm/web/guarantees';
import { LoadStateView, WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { Chart } from '../charts/chart';
import { stageBarOption } from '../charts/chart-options';
import { moneyTrendOption } from '../charts/trend-chart';
import { CockpitApi } from '../data-access/cockpit.api';
import {
  alertKindKey,
  bigProjectsLabel,
  landRouteMarkKey,
  projectsParams,
  shortRate,
  stageKey,
} from '../data-access/figures';
import type { LoadState } from '../data-access/load-state';
import { monthInUrl } from '../data-access/month-route';
import { MeasureFigure } from '../figures/measure-figure';
import { YearOnYearNote } from '../figures/year-on-year-note';
import { MonthPicker } from '../figures/month-picker';
import { KeyTaskProgressList } from '../key-tasks/key-task-progress-list';
import { InstructionForm, type ProjectChoice } from './instruction-form';
import { OpenInstructions } from './open-instructions';

/** /cockpit/chains/:code — one chain for its leader: pipeline, who is stuck, what units say, 批示. */
@Component({
  selector: 'crm-chain-leader-page',
  imports: [
    LoadStateView,
    BlockedByNeedsTable,
    Chart,
    InstructionForm,
    OpenInstructions,
    KeyTaskProgressList,
    MeasureFigure,
    YearOnYearNote,
    MonthPicker,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzProgressModule,
    NzTableModule,
    NzTagModule,
    PlanMissingNotice,
    RouterLink,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './chain-leader-page.html',
  styleUrls: ['./chain-leader-page.less', '../print/print.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainLeaderPage {
  private readonly api = inject(CockpitApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly url = monthInUrl();
  private readonly code = toSignalCode(this.url.route);

  /** 统计区间 of the period shown: "2026年10月26日—11月25日" (zh), the two dates (en). */
  protected readonly windowParams = (w: StatWindow) => ({ label: statWindowLabel(w), from: w.from, to: w.to });
  protected readonly lang = this.i18n.lang;
  protected readonly stageKey = stageKey;
  protected readonly landRouteMarkKey = landRouteMarkKey;
  protected readonly alertKindKey = alertKindKey;
  protected readonly projectsParams = projectsParams;
  /** 招商图谱's gaps with no active lead, named in one line. */
  protected readonly gapNames = (gaps: { name: string }[]) => gaps.map((g) => g.name).join('、');
  protected readonly shortRate = shortRate;

  private readonly reload = signal(0);
  protected readonly state = signal<LoadState<ChainCockpitView>>({
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
  /** The chain's own big-project label: "10亿元以上项目" with its threshold. */
  protected readonly bigLabel = computed(() =>
    bigProjectsLabel(this.i18n.t, this.lang(), [this.view()?.figures.target?.bigProjectThreshold]),
  );
  /** Kinds with more alerts than listed: how many in all, and the project list behind them. */
  protected readonly moreAlerts = computed(() => {
    const v = this.view();
    if (!v) return [];
    return (Object.keys(v.alertCounts) as AlertKind[])
      .map((kind) => ({
        kind,
        total: v.alertCounts[kind],
        shown: v.alerts.filter((a) => a.kind === kind).length,
        query: v.alertQueries[kind],
      }))
      .filter((m) => m.total > m.shown);
  });
  /** Instructions written here, shown before the next reload brings them. */
  private readonly written = signal<InstructionView[]>([]);
  protected readonly instructions = computed(() => {
    const loaded = this.view()?.instructions ?? [];
    const fresh = this.written().filter(
      (w) => !loaded.some((l) => l.id === w.id),
    );
    return [...fresh, ...loaded];
  });
  /** Leaders write 批示; the API checks they lead the chain. */
  protected readonly canInstruct = computed(() => this.auth.hasRole('leader'));
  protected readonly preselect = signal<ProjectChoice | null>(null);
  protected readonly projectChoices = computed<ProjectChoice[]>(() => {
    const v = this.view();
    if (!v) return [];
    const refs: CockpitProjectRef[] = [
      ...v.majorProjects,
      ...v.stuck.map((s) => s.project),
      ...v.overdueFollowUps.map((o) => o.project),
      ...v.alerts.flatMap((a) => (a.project ? [a.project] : [])),
    ];
    const seen = new Map<string, ProjectChoice>();
    for (const p of refs)
      if (!seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name });
    return [...seen.values()];
  });

  protected readonly funnelChart = computed(() => {
    const v = this.view();
    if (!v) return null;
    const wan = new WanPipe();
    return stageBarOption(
      v.funnel.map((f) => ({
        name: this.i18n.t(stageKey(f.stage)),
        count: f.count,
        caption: this.i18n.t('cockpit.funnel.caption', {
          count: f.count,
          amount: wan.transform(
            this.stageAmount(f.stage, f.plannedInvestment, f.signedAmount),
            this.lang(),
            2,
          ),
        }),
      })),
    );
  });
  protected readonly signedChart = computed(() => this.trend('signed'));
  protected readonly fundsChart = computed(() => this.trend('funds'));
  protected readonly cockpitQuery = computed(() => {
    const v = this.view();
    return v ? { year: v.year, month: v.month } : {};
  });

  constructor() {
    toObservable(
      computed(() => ({
        code: this.code(),
        at: this.url.month(),
        n: this.reload(),
      })),
    )
      .pipe(
        switchMap(({ code, at }) =>
          this.api.chain(code ?? '', at).pipe(
            map((value): LoadState<ChainCockpitView> => ({
              status: 'ready',
              value,
            })),
            catchError((error: unknown) =>
              of<LoadState<ChainCockpitView>>({ status: 'error', error }),
            ),
            startWith<LoadState<ChainCockpitView>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') this.written.set([]);
      });
  }

  /** Before signing a stage is judged by its planned investment, from signing on by the signed amount. */
  protected stageAmount(stage: Stage, planned: string, signed: string): string {
    return ['lead', 'negotiation', 'evaluation'].includes(stage)
      ? planned
      : signed;
  }

  protected durationOf(stage: Stage) {
    return this.view()?.stageDurations.find((d) => d.stage === stage) ?? null;
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

  protected instruct(project: CockpitProjectRef): void {
    this.preselect.set({ id: project.id, name: project.name });
    document
      .getElementById('instructions')
      ?.scrollIntoView({ behavior: 'smooth' });
    document.getElementById('instruction-text')?.focus({ preventScroll: true });
  }

  protected added(instruction: InstructionView): void {
    this.written.update((list) => [instruction, ...list]);
  }

  private trend(kind: 'signed' | 'funds') {
    const v = this.view();
    if (!v) return null;
    const months = Array.from(
      { length: v.trend.signedAmount.length },
      (_, i) => `${v.year}-${String(i + 1).padStart(2, '0')}`,
    );
    return moneyTrendOption(v.trend, months, kind, this.i18n);
  }
}

function toSignalCode(route: ReturnType<typeof monthInUrl>['route']) {
  const code = signal<string | null>(route.snapshot.paramMap.get('code'));
  route.paramMap
    .pipe(takeUntilDestroyed())
    .subscribe((p) => code.set(p.get('code')));
  return code.asReadonly();
}
