import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
  type WritableSignal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  SECTORS,
  trimDecimal,
  type AnnualPlanView,
  type ChainCode,
  type ChainView,
  type PlanChainTarget,
  type Sector,
} from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText, httpStatus } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Observable } from 'rxjs';
import {
  countProblem,
  isPositive,
  percentProblem,
  wanAsYi,
  yiProblem,
  yiToWan,
} from '../data-access/amounts';
import { injectNarrow } from '../data-access/narrow';
import { chainName, sectorKey, wanText } from '../data-access/plan-labels';
import { PlanApi } from '../data-access/plan.api';
import { PlanReasonField } from './reason-field';

interface HeadForm {
  signed: string;
  signedAtLeast: boolean;
  funds: string;
  fundsAtLeast: boolean;
  reason: string;
  saving: boolean;
  error: string;
}

interface TargetForm {
  chain: ChainCode;
  name: string;
  signed: string;
  signedAtLeast: boolean;
  funds: string;
  fundsAtLeast: boolean;
  threshold: string;
  count: string;
  countAtLeast: boolean;
  reason: string;
  saving: boolean;
  error: string;
}

interface SectorForm {
  rates: Record<Sector, string>;
  reason: string;
  saving: boolean;
  error: string;
}

interface TargetRow {
  code: string;
  name: string;
  target: PlanChainTarget | null;
}

/**
 * 工作目标 of a year's plan: the city's totals, each chain's targets and the sectors' growth
 * targets. The office edits each in a dialog (amounts in 亿元, sent in 万元); once the plan is
 * published each save asks why.
 */
@Component({
  selector: 'crm-plan-targets-section',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSwitchModule,
    NzTableModule,
    NzTagModule,
    PlanReasonField,
    TranslatePipe,
  ],
  templateUrl: './plan-targets-section.html',
  styleUrl: './plan-targets-section.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanTargetsSection {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  readonly plan = input.required<AnnualPlanView>();
  readonly chains = input<readonly ChainView[]>([]);
  readonly mayEdit = input(false);
  /** The plan as the API answered a change. */
  readonly changed = output<AnnualPlanView>();
  /** Someone else changed the plan meanwhile (409): the page reads it again. */
  readonly stale = output<void>();

  protected readonly lang = this.i18n.lang;
  /** A phone reads one card per chain instead of a table scrolled sideways. */
  protected readonly narrow = injectNarrow();
  protected readonly sectors = SECTORS;
  protected readonly sectorKey = sectorKey;
  protected readonly published = computed(() => this.plan().status === 'published');

  protected readonly rows = computed<TargetRow[]>(() => {
    const plan = this.plan();
    const lang = this.lang();
    const chains = [...this.chains()].sort((a, b) => a.sortOrder - b.sortOrder);
    const rows: TargetRow[] = chains.map((c) => ({
      code: c.code,
      name: lang === 'en' ? c.nameEn : c.nameZh,
      target: plan.targets.find((t) => t.chainCode === c.code) ?? null,
    }));
    for (const target of plan.targets) {
      if (!rows.some((r) => r.code === target.chainCode)) {
        rows.push({ code: target.chainCode, name: chainName(target.chainCode, lang, chains, target.chainNameZh), target });
      }
    }
    return rows;
  });

  protected readonly growth = computed(() =>
    SECTORS.map((sector) => {
      const target = this.plan().sectorGrowth.find((g) => g.sector === sector);
      return { sector, rate: target ? trimDecimal(target.growthRate) : null };
    }),
  );

  // 全市目标
  /** A dialog of this section is open: what it holds is not saved yet. */
  hasOpenForm(): boolean {
    return !!(this.head() || this.target() || this.sector());
  }

  protected readonly head = signal<HeadForm | null>(null);
  protected readonly headErrors = computed(() => {
    const form = this.head();
    return {
      signed: form ? yiProblem(form.signed, { optional: true }) : null,
      funds: form ? yiProblem(form.funds, { optional: true }) : null,
    };
  });
  protected readonly headValid = computed(() => {
    const form = this.head();
    const errors = this.headErrors();
    return !!form && !errors.signed && !errors.funds && this.reasonGiven(form.reason);
  });

  // 产业链目标
  protected readonly target = signal<TargetForm | null>(null);
  protected readonly targetErrors = computed<Record<'signed' | 'funds' | 'threshold' | 'count' | 'pair', MessageKey | null>>(() => {
    const form = this.target();
    if (!form) return { signed: null, funds: null, threshold: null, count: null, pair: null };
    const threshold = yiProblem(form.threshold);
    const count = countProblem(form.count);
    const pair =
      !threshold && !count && isPositive(yiToWan(form.threshold)) !== Number(form.count.trim()) > 0
        ? 'plan.target.bigPair'
        : null;
    return { signed: yiProblem(form.signed), funds: yiProblem(form.funds), threshold, count, pair };
  });
  protected readonly targetValid = computed(() => {
    const form = this.target();
    return !!form && Object.values(this.targetErrors()).every((e) => !e) && this.reasonGiven(form.reason);
  });

  // 分行业增长目标
  protected readonly sector = signal<SectorForm | null>(null);
  protected readonly sectorErrors = computed(() => {
    const form = this.sector();
    const errors: Partial<Record<Sector, MessageKey>> = {};
    if (form) {
      for (const s of SECTORS) {
        const problem = percentProblem(form.rates[s]);
        if (problem) errors[s] = problem;
      }
    }
    return errors;
  });
  protected readonly sectorValid = computed(() => {
    const form = this.sector();
    return !!form && Object.keys(this.sectorErrors()).length === 0 && this.reasonGiven(form.reason);
  });

  /** "220亿元以上", "100亿元", or 未设定. */
  protected amount(wan: string | null, atLeast: boolean): string {
    if (wan === null) return this.i18n.t('plan.notSet');
    const text = wanText(wan, this.lang());
    return atLeast ? this.i18n.t('plan.atLeast', { amount: text }) : text;
  }

  /** "单体5亿元以上项目不少于3个", or 不作要求 when the plan sets none. */
  protected bigProjects(target: PlanChainTarget): string {
    if (!isPositive(target.bigProjectThreshold) && target.bigProjectMinCount === 0) {
      return this.i18n.t('plan.target.noBigProjects');
    }
    const count = this.i18n.t(target.bigProjectAtLeast ? 'plan.countAtLeast' : 'plan.countExact', {
      n: target.bigProjectMinCount,
    });
    return this.i18n.t('plan.target.bigProjects', {
      threshold: wanText(target.bigProjectThreshold, this.lang()),
      count,
    });
  }

  private reasonGiven(reason: string): boolean {
    return !this.published() || reason.trim().length > 0;
  }

  private reason(reason: string): { reason?: string } {
    return this.published() ? { reason: reason.trim() } : {};
  }

  protected editHead(): void {
    const plan = this.plan();
    this.head.set({
      signed: wanAsYi(plan.citySignedAmount),
      signedAtLeast: plan.citySignedAtLeast,
      funds: wanAsYi(plan.cityFundsInPlace),
      fundsAtLeast: plan.cityFundsAtLeast,
      reason: '',
      saving: false,
      error: '',
    });
  }

  protected patchHead(changes: Partial<HeadForm>): void {
    this.head.update((form) => (form ? { ...form, ...changes } : form));
  }

  protected saveHead(): void {
    const form = this.head();
    if (!form || !this.headValid() || form.saving) return;
    const plan = this.plan();
    this.save(
      this.head,
      this.api.updateHead(plan.year, {
        version: plan.version,
        citySignedAmount: form.signed.trim() ? yiToWan(form.signed) : null,
        citySignedAtLeast: form.signedAtLeast,
        cityFundsInPlace: form.funds.trim() ? yiToWan(form.funds) : null,
        cityFundsAtLeast: form.fundsAtLeast,
        ...this.reason(form.reason),
      }),
      'plan.city.saved',
    );
  }

  protected editTarget(row: TargetRow): void {
    const t = row.target;
    this.target.set({
      chain: row.code as ChainCode,
      name: row.name,
      signed: t ? wanAsYi(t.signedAmount) : '',
      signedAtLeast: t?.signedAtLeast ?? true,
      funds: t ? wanAsYi(t.fundsInPlace) : '',
      fundsAtLeast: t?.fundsAtLeast ?? true,
      threshold: t ? wanAsYi(t.bigProjectThreshold) : '0',
      count: t ? String(t.bigProjectMinCount) : '0',
      countAtLeast: t?.bigProjectAtLeast ?? true,
      reason: '',
      saving: false,
      error: '',
    });
  }

  protected patchTarget(changes: Partial<TargetForm>): void {
    this.target.update((form) => (form ? { ...form, ...changes } : form));
  }

  protected saveTarget(): void {
    const form = this.target();
    if (!form || !this.targetValid() || form.saving) return;
    this.save(
      this.target,
      this.api.putTarget(this.plan().year, form.chain, {
        signedAmount: yiToWan(form.signed),
        signedAtLeast: form.signedAtLeast,
        fundsInPlace: yiToWan(form.funds),
        fundsAtLeast: form.fundsAtLeast,
        bigProjectThreshold: yiToWan(form.threshold),
        bigProjectMinCount: Number(form.count.trim()),
        bigProjectAtLeast: form.countAtLeast,
        ...this.reason(form.reason),
      }),
      'plan.target.saved',
      { chain: form.name },
    );
  }

  protected editSectors(): void {
    const rates = {} as Record<Sector, string>;
    for (const g of this.growth()) rates[g.sector] = g.rate ?? '';
    this.sector.set({ rates, reason: '', saving: false, error: '' });
  }

  protected setRate(sector: Sector, value: string): void {
    this.sector.update((form) => (form ? { ...form, rates: { ...form.rates, [sector]: value } } : form));
  }

  protected setSectorReason(reason: string): void {
    this.sector.update((form) => (form ? { ...form, reason } : form));
  }

  protected saveSectors(): void {
    const form = this.sector();
    if (!form || !this.sectorValid() || form.saving) return;
    this.save(
      this.sector,
      this.api.putSectorGrowth(this.plan().year, {
        targets: SECTORS.map((sector) => ({ sector, growthRate: form.rates[sector].trim() })),
        ...this.reason(form.reason),
      }),
      'plan.sector.saved',
    );
  }

  /** Sends one dialog's change; closes it with the answer, or keeps it open with the reason. */
  private save<F extends { saving: boolean; error: string }>(
    form: WritableSignal<F | null>,
    call: Observable<AnnualPlanView>,
    done: MessageKey,
    params?: Record<string, string>,
  ): void {
    form.update((f) => (f ? { ...f, saving: true, error: '' } : f));
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (plan) => {
        form.set(null);
        this.changed.emit(plan);
        this.message.success(this.i18n.t(done, params));
      },
      error: (error: unknown) => {
        form.update((f) => (f ? { ...f, saving: false, error: apiErrorText(error, this.i18n) } : f));
        if (httpStatus(error) === 409) this.stale.emit();
      },
    });
  }
}
