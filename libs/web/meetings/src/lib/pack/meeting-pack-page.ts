import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  ArrowLeftOutline,
  FileWordOutline,
  PrinterOutline,
  ReloadOutline,
} from '@ant-design/icons-angular/icons';
import {
  ALERT_KINDS,
  type AlertKind,
  type AmountMeasure,
  type CountMeasure,
  type MeetingPackChainSection,
  type MeetingPackView,
  type Stage,
  type StatWindow,
  statWindowLabel,
  type Wan,
  type YearOnYearFigure,
} from '@crm/domain';
import { I18nService, PlanMissingNotice, TranslatePipe, type MessageKey, saveBlob } from '@crm/web/core';
import { LoadStateView, WanPipe, thresholdText } from '@crm/web/ui';
import { YearOnYearNote } from '@crm/web/cockpit';
import { BlockedByNeedsTable } from '@crm/web/guarantees';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription, catchError, map, of, startWith, switchMap } from 'rxjs';
import { MeetingPackApi, type LoadState } from '../data-access/meeting-pack.api';
import {
  alertKindKey,
  completionText,
  landRouteMarkKey,
  meetingKindKey,
  problemText,
  projectsParams,
  shortRate,
  stageKey,
} from '../data-access/pack-format';

/** One line of 目标完成情况: a money or count figure against its target and the even pace. */
interface FigureRow {
  key: 'signed' | 'funds' | 'big';
  label: MessageKey;
  /** The label's placeholders: the chain's own big-project threshold ("10亿元"). */
  labelParams?: Record<string, string>;
  measure: AmountMeasure | CountMeasure;
  kind: 'amount' | 'count';
  /** The plan writes the target as "at least" (…以上 / 不少于). */
  atLeast: boolean;
  /** 同比 of the figure; absent in an answer made before it existed. */
  yoy?: YearOnYearFigure<Wan | number>;
}

/**
 * /meetings/:id/pack — 会议材料: for each chain of the meeting, where it stands against its target,
 * its pipeline, what moved since the previous meeting, what is stuck, its alerts, the units'
 * problems and the open action items. Prints as is; the Word file is the server's.
 */
@Component({
  selector: 'crm-meeting-pack-page',
  imports: [
    LoadStateView,
    BlockedByNeedsTable,
    YearOnYearNote,
    DatePipe,
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
  providers: [provideNzIconsPatch([ArrowLeftOutline, FileWordOutline, PrinterOutline, ReloadOutline])],
  templateUrl: './meeting-pack-page.html',
  styleUrls: ['./page-header.less', './meeting-pack-page.less', './print.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingPackPage {
  private readonly api = inject(MeetingPackApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private download: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly alertKinds = ALERT_KINDS;
  protected readonly stageKey = stageKey;
  protected readonly landRouteMarkKey = landRouteMarkKey;
  protected readonly alertKindKey = alertKindKey;
  protected readonly meetingKindKey = meetingKindKey;
  protected readonly projectsParams = projectsParams;
  protected readonly completionText = completionText;
  protected readonly tz = '+0800';
  protected readonly windowParams = (w: StatWindow) => ({ label: statWindowLabel(w), from: w.from, to: w.to });

  protected readonly meetingId = toSignal(
    inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('id') ?? '')),
    { initialValue: '' },
  );
  private readonly reload = signal(0);
  protected readonly state = signal<LoadState<MeetingPackView>>({ status: 'loading' });
  protected readonly pack = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? problemText(state.error, this.i18n) : '';
  });
  protected readonly chainNames = computed(
    () => this.pack()?.meeting.chains.map((c) => c.nameZh).join('、') ?? '',
  );
  /** While the Word file comes down: its percent, or null while the size is unknown. */
  protected readonly downloading = signal<{ percent: number | null } | null>(null);
  protected readonly downloadError = signal('');

  constructor() {
    toObservable(computed(() => ({ id: this.meetingId(), n: this.reload() })))
      .pipe(
        switchMap(({ id }) =>
          this.api.pack(id).pipe(
            map((value): LoadState<MeetingPackView> => ({ status: 'ready', value })),
            catchError((error: unknown) => of<LoadState<MeetingPackView>>({ status: 'error', error })),
            startWith<LoadState<MeetingPackView>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected figures(section: MeetingPackChainSection): FigureRow[] {
    const t = section.figures.target;
    return [
      {
        key: 'signed',
        label: 'meetingPack.figures.signed',
        measure: section.figures.signedAmount,
        yoy: section.figures.yearOnYear?.signedAmount,
        kind: 'amount',
        atLeast: !!t?.signedAtLeast,
      },
      {
        key: 'funds',
        label: 'meetingPack.figures.funds',
        measure: section.figures.fundsInPlace,
        yoy: section.figures.yearOnYear?.fundsInPlace,
        kind: 'amount',
        atLeast: !!t?.fundsAtLeast,
      },
      {
        key: 'big',
        // The chain's own threshold ("10亿元以上项目"); none published: 大项目（各链标准）.
        label: t ? 'meetingPack.figures.big' : 'cockpit.bigMixed',
        labelParams: t ? { threshold: thresholdText(t.bigProjectThreshold, this.i18n.lang()) } : undefined,
        measure: section.figures.bigProjects,
        yoy: section.figures.yearOnYear?.bigProjects,
        kind: 'count',
        atLeast: !!t?.bigProjectAtLeast,
      },
    ];
  }

  /** The target as the plan writes it: "140亿元以上", "不少于5 个". */
  protected target(f: FigureRow): string {
    const value = this.show(f.measure.target, f.kind);
    if (f.measure.target === null || !f.atLeast) return value;
    return this.i18n.t(f.kind === 'count' ? 'target.atLeast.count' : 'target.atLeast.amount', { value });
  }

  /** The count of a kind of alert (0 when the API leaves a kind out). */
  protected alertCount(section: MeetingPackChainSection, kind: AlertKind): number {
    return (section.alertCounts as Partial<Record<AlertKind, number>>)[kind] ?? 0;
  }

  /** An amount in 亿元/万元, or a number of projects (pace may be fractional). */
  protected show(value: string | number | null, kind: 'amount' | 'count'): string {
    if (value === null) return '—';
    if (kind === 'count') {
      return this.i18n.t('meetingPack.count', { count: shortRate(String(value)) });
    }
    return new WanPipe().transform(String(value), this.lang(), 2);
  }

  protected rate(rate: string | null): string {
    return rate === null ? '—' : `${shortRate(rate)}%`;
  }

  /** ahead / behind the even pace, by the sign of the gap; none without a target. */
  protected paceState(gap: string | null): 'ahead' | 'behind' | 'none' {
    if (gap === null) return 'none';
    return gap.trim().startsWith('-') ? 'behind' : 'ahead';
  }

  protected gapText(row: FigureRow): string {
    const gap = row.measure.gap;
    if (gap === null) return '—';
    const size = this.show(String(gap).replace(/^-/, ''), row.kind);
    return this.i18n.t(
      this.paceState(gap) === 'behind' ? 'meetingPack.figures.behind' : 'meetingPack.figures.ahead',
      { gap: size },
    );
  }

  /** Before signing a stage is judged by its planned investment, from signing on by the signed amount. */
  protected stageAmount(stage: Stage, planned: string, signed: string): string {
    return ['lead', 'negotiation', 'evaluation'].includes(stage) ? planned : signed;
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  protected print(): void {
    window.print();
  }

  /** 下载Word: the server's pack.docx, by HttpClient so the session cookie goes along. */
  protected downloadWord(): void {
    if (this.downloading()) return;
    this.downloading.set({ percent: null });
    this.downloadError.set('');
    this.download?.unsubscribe();
    this.download = this.api
      .packDocx(this.meetingId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (progress) => {
          if (!progress.done) {
            this.downloading.set({ percent: progress.percent });
            return;
          }
          this.downloading.set(null);
          saveBlob(progress.blob, progress.fileName);
          this.message.success(this.i18n.t('meetingPack.pack.downloaded', { file: progress.fileName }));
        },
        error: (error: unknown) => {
          this.downloading.set(null);
          this.downloadError.set(problemText(error, this.i18n));
        },
      });
  }
}
