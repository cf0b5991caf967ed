import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  SECTORS,
  trimDecimal,
  type ChainCode,
  type ChainView,
  type FundsBaselineView,
  type Sector,
} from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, isStale, staleCurrent } from '@crm/web/core';
import { LoadState, LoadStateView, PageHeader, sumDecimals } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Subscription } from 'rxjs';
import { wanProblem } from '../data-access/amounts';
import { injectNarrow } from '../data-access/narrow';
import { chainName, sectorKey, wanText } from '../data-access/plan-labels';
import { PlanRights } from '../data-access/plan-rights';
import { PlanApi } from '../data-access/plan.api';
import { PlanSubnav } from '../plan-subnav';

interface Cell {
  sector: Sector;
  baseline: FundsBaselineView | null;
}

interface BaselineForm {
  chainCode: ChainCode;
  chainName: string;
  sector: Sector;
  amount: string;
  note: string;
  /** The version read (0: nothing saved yet for this chain and sector). */
  version: number;
  saving: boolean;
  error: string;
}

/**
 * /plan/baselines — 往年实绩: the actual funds in place of years before the product was used, per
 * chain and sector, so the first year's 同比 has something to compare with. The office enters them
 * (in 万元); everyone else reads.
 */
@Component({
  selector: 'crm-plan-baselines-page',
  imports: [
    FormsModule,
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzTableModule,
    PageHeader,
    PlanSubnav,
    TranslatePipe,
  ],
  templateUrl: './plan-baselines-page.html',
  styleUrl: './plan-baselines-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanBaselinesPage {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly mayEdit = inject(PlanRights).mayEdit;
  /** A phone reads one card per chain instead of a table scrolled sideways. */
  protected readonly narrow = injectNarrow();
  protected readonly lang = this.i18n.lang;
  protected readonly sectors = SECTORS;
  protected readonly sectorKey = sectorKey;

  protected readonly chains = signal<ChainView[]>([]);
  /** null until the first year is chosen (the year before the earliest plan). */
  protected readonly year = signal<number | null>(null);
  protected readonly yearText = signal('');
  protected readonly state = signal<LoadState<FundsBaselineView[]>>({ status: 'loading' });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });

  private readonly baselines = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly rows = computed(() => {
    const lang = this.lang();
    const chains = [...this.chains()].sort((a, b) => a.sortOrder - b.sortOrder);
    const list = this.baselines();
    const codes = [...chains.map((c) => c.code as string)];
    for (const b of list) if (!codes.includes(b.chainCode)) codes.push(b.chainCode);
    return codes.map((code) => {
      const cells: Cell[] = SECTORS.map((sector) => ({
        sector,
        baseline: list.find((b) => b.chainCode === code && b.sector === sector) ?? null,
      }));
      const amounts = cells.filter((c) => c.baseline).map((c) => (c.baseline as FundsBaselineView).amount);
      return {
        code: code as ChainCode,
        name: chainName(code, lang, chains),
        cells,
        total: amounts.length ? sumDecimals(amounts) : null,
      };
    });
  });
  protected readonly totals = computed(() => {
    const list = this.baselines();
    const bySector = SECTORS.map((sector) => {
      const amounts = list.filter((b) => b.sector === sector).map((b) => b.amount);
      return amounts.length ? sumDecimals(amounts) : null;
    });
    return { bySector, all: list.length ? sumDecimals(list.map((b) => b.amount)) : null };
  });

  protected readonly form = signal<BaselineForm | null>(null);
  protected readonly formTitle = computed(() => {
    const f = this.form();
    return f
      ? this.i18n.t('plan.baseline.editTitle', { year: this.year() ?? '', chain: f.chainName, sector: this.i18n.t(sectorKey(f.sector)) })
      : '';
  });
  protected readonly formProblem = computed(() => {
    const f = this.form();
    return f ? wanProblem(f.amount) : null;
  });
  protected readonly amountPreview = computed(() => {
    const f = this.form();
    return f && !this.formProblem() ? wanText(f.amount, this.lang()) : '';
  });

  constructor() {
    this.api
      .chains()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (chains) => this.chains.set(chains), error: () => undefined });
    // The years before the product was used end with the year before the earliest plan.
    this.api
      .listPlans()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (plans) => {
          const years = plans.map((p) => p.year);
          this.useYear(years.length ? Math.min(...years) - 1 : new Date().getFullYear() - 1);
        },
        error: () => this.useYear(new Date().getFullYear() - 1),
      });
  }

  protected amount(wan: string | null): string {
    return wan === null ? '—' : wanText(wan, this.lang());
  }

  protected useYear(year: number): void {
    this.year.set(year);
    this.yearText.set(String(year));
    this.load();
  }

  protected typedYear(): void {
    const text = this.yearText().trim();
    if (/^\d{4}$/.test(text) && Number(text) !== this.year()) this.useYear(Number(text));
  }

  protected step(by: number): void {
    const year = this.year();
    if (year !== null) this.useYear(year + by);
  }

  protected load(): void {
    const year = this.year();
    if (year === null) return;
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .baselines(year)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => this.state.set({ status: 'ready', value: list.filter((b) => b.year === year) }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected edit(row: { code: ChainCode; name: string }, cell: Cell): void {
    this.form.set({
      chainCode: row.code,
      chainName: row.name,
      sector: cell.sector,
      amount: cell.baseline ? trimDecimal(cell.baseline.amount) : '',
      note: cell.baseline?.note ?? '',
      version: cell.baseline?.version ?? 0,
      saving: false,
      error: '',
    });
  }

  protected patch(changes: Partial<BaselineForm>): void {
    this.form.update((f) => (f ? { ...f, ...changes } : f));
  }

  protected save(): void {
    const f = this.form();
    const year = this.year();
    if (!f || year === null || this.formProblem() || f.saving) return;
    this.patch({ saving: true, error: '' });
    this.api
      .putBaseline({
        year,
        chainCode: f.chainCode,
        sector: f.sector,
        amount: f.amount.trim(),
        note: f.note.trim(),
        version: f.version,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.form.set(null);
          this.showRow(f, saved);
          this.message.success(
            this.i18n.t('plan.baseline.saved', { chain: f.chainName, sector: this.i18n.t(sectorKey(f.sector)), year }),
          );
        },
        error: (error: unknown) => {
          this.patch({ saving: false, error: apiErrorText(error, this.i18n) });
          if (!isStale(error)) return;
          // Someone else saved this cell first (409): the table and the form show it as it is now.
          const current = staleCurrent<FundsBaselineView>(error);
          this.showRow(f, current);
          this.patch({
            amount: current ? trimDecimal(current.amount) : '',
            note: current?.note ?? '',
            version: current?.version ?? 0,
          });
        },
      });
  }

  /** The table's cell for the form's chain and sector as saved (null: no row). */
  private showRow(f: BaselineForm, saved: FundsBaselineView | null): void {
    this.state.update((state) =>
      state.status === 'ready'
        ? {
            status: 'ready',
            value: [
              ...state.value.filter((b) => !(b.chainCode === f.chainCode && b.sector === f.sector)),
              ...(saved ? [saved] : []),
            ],
          }
        : state,
    );
  }
}
