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
import { addPeriods, isPeriod, type RollUpView } from '@crm/domain';
import { SectorGrowthTable, YearOnYearNote, bigProjectsLabel } from '@crm/web/cockpit';
import { AuthService, I18nService, PlanMissingNotice, TranslatePipe, apiErrorText, httpStatus, staleCurrent } from '@crm/web/core';
import { LoadStateView, WanPipe } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Observable, Subscription } from 'rxjs';
import { SHANGHAI, type LoadState } from '../data-access/load-state';
import { currentPeriod, periodChoices, periodLabel, statWindowParams } from '../data-access/periods';
import { RollUpApi } from '../data-access/roll-up.api';
import { percent } from './rate';
import { RollUpChains } from './roll-up-chains';
import { DocumentSettingsDrawer } from './document-settings-drawer';
import { RollUpExports } from './roll-up-exports';
import { RollUpSummary } from './roll-up-summary';

/** The longest narrative the API takes. */
export const ROLL_UP_NARRATIVE_MAX = 20_000;

/**
 * /roll-ups and /roll-ups/:period — 月度汇总报告: the month's report to the municipal committee,
 * built by the worker after the deadline or on demand by the office; its narrative is editable
 * before export to Word or Excel. Opens on last month, the latest one due.
 */
@Component({
  selector: 'crm-roll-up-page',
  imports: [
    LoadStateView,
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzPopconfirmModule,
    NzResultModule,
    NzSelectModule,
    NzTagModule,
    PlanMissingNotice,
    RollUpChains,
    RollUpExports,
    DocumentSettingsDrawer,
    RollUpSummary,
    RouterLink,
    SectorGrowthTable,
    YearOnYearNote,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './roll-up-page.html',
  styleUrl: './roll-up-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RollUpPage {
  private readonly api = inject(RollUpApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly auth = inject(AuthService);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly tz = SHANGHAI;
  protected readonly windowParams = statWindowParams;
  protected readonly maxLength = ROLL_UP_NARRATIVE_MAX;
  protected readonly percent = percent;
  private readonly wan = new WanPipe();
  /** A city target as the plan writes it: "220亿元以上" where it says at least. */
  protected readonly cityTarget = (value: string | null, atLeast: boolean | undefined): string => {
    const shown = this.wan.transform(value, this.lang());
    return value !== null && atLeast ? this.i18n.t('target.atLeast.amount', { value: shown }) : shown;
  };
  protected readonly isOffice = this.auth.hasRole('office');
  /** 公文设置 (the office): the letterhead, document number and signature of the Word file. */
  protected readonly documentSettingsOpen = signal(false);
  protected readonly canExport = this.auth.hasRole('office', 'leader');
  protected readonly period = signal(addPeriods(currentPeriod(), -1));
  protected readonly choices = computed(() =>
    periodChoices([this.period()]).map((period) => ({ period, label: periodLabel(period, this.lang()) })),
  );
  protected readonly state = signal<LoadState<RollUpView>>({ status: 'loading' });
  protected readonly rollUp = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  /** The city's big-project label: the chains' shared threshold, else 大项目（各链标准）. */
  protected readonly bigLabel = computed(() =>
    bigProjectsLabel(this.i18n.t, this.lang(), (this.rollUp()?.figures?.chains ?? []).map((c) => c.bigProjects.threshold)),
  );
  protected readonly notBuilt = computed(() => {
    const state = this.state();
    return state.status === 'error' && httpStatus(state.error) === 404;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly narrative = signal('');
  protected readonly narrativeDirty = computed(() => {
    const rollUp = this.rollUp();
    return !!rollUp && rollUp.narrative !== this.narrative();
  });
  protected readonly busy = signal<'build' | 'save' | 'publish' | null>(null);
  protected readonly actionError = signal('');
  protected readonly periodName = computed(() => periodLabel(this.period(), this.lang()));

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        const period = params.get('period');
        this.period.set(period && isPeriod(period) ? period : addPeriods(currentPeriod(), -1));
        this.load();
      });
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.actionError.set('');
    this.request = this.api
      .get(this.period())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (rollUp) => this.show(rollUp),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected choosePeriod(period: string): void {
    if (period && period !== this.period()) {
      void this.router.navigate(['/roll-ups', period]);
    }
  }

  /** 生成 / 重新生成: an edited narrative is kept unless the office asks for a fresh draft. */
  protected build(regenerateNarrative = false): void {
    this.run('build', this.api.build(this.period(), { regenerateNarrative }), 'reporting.rollUp.built');
  }

  protected saveNarrative(): void {
    const rollUp = this.rollUp();
    if (!rollUp) return;
    this.run(
      'save',
      this.api.saveNarrative(this.period(), this.narrative(), rollUp.version),
      'reporting.rollUp.narrativeSaved',
    );
  }

  /** 发布: the roll-up as read (its version) becomes the month's bulletin; staff are notified. */
  protected publish(): void {
    const rollUp = this.rollUp();
    if (!rollUp || this.busy()) return;
    this.busy.set('publish');
    this.actionError.set('');
    this.api
      .publish(this.period(), rollUp.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busy.set(null);
          this.message.success(this.i18n.t('reporting.rollUp.publishDone'));
          this.load();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.actionError.set(apiErrorText(error, this.i18n));
        },
      });
  }

  protected resetNarrative(): void {
    this.narrative.set(this.rollUp()?.narrative ?? '');
  }

  private run(
    kind: 'build' | 'save',
    call$: Observable<RollUpView>,
    done: 'reporting.rollUp.built' | 'reporting.rollUp.narrativeSaved',
  ): void {
    if (this.busy()) return;
    this.busy.set(kind);
    this.actionError.set('');
    call$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (rollUp) => {
        this.busy.set(null);
        this.show(rollUp);
        this.message.success(this.i18n.t(done));
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const current = staleCurrent<RollUpView>(error);
        if (current) {
          // Keep the office's text in the box; the next save goes against the current version.
          const mine = this.narrative();
          this.state.set({ status: 'ready', value: current });
          this.narrative.set(mine);
        }
        this.actionError.set(apiErrorText(error, this.i18n));
      },
    });
  }

  private show(rollUp: RollUpView): void {
    this.state.set({ status: 'ready', value: rollUp });
    this.narrative.set(rollUp.narrative);
  }
}
