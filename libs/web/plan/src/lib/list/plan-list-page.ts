import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { AnnualPlanSummary, AnnualPlanView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { LoadState, LoadStateView, PageHeader } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { PlanApi } from '../data-access/plan.api';
import { STATUS_COLORS, shanghaiDay, statusKey } from '../data-access/plan-labels';
import { PlanRights } from '../data-access/plan-rights';
import { PlanImportDialog } from '../import/plan-import-dialog';
import { PlanSubnav } from '../plan-subnav';

/**
 * /plan — 年度工作方案: the years with a plan, newest first. The office drafts next year's from the
 * latest one (copy, then edit), or, before there is any, a blank plan for a year it chooses.
 */
@Component({
  selector: 'crm-plan-list-page',
  imports: [
    FormsModule,
    LoadStateView,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzTableModule,
    NzTagModule,
    PageHeader,
    PlanImportDialog,
    PlanSubnav,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './plan-list-page.html',
  styleUrl: './plan-list-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanListPage {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly mayEdit = inject(PlanRights).mayEdit;
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly day = shanghaiDay;

  protected readonly state = signal<LoadState<AnnualPlanSummary[]>>({ status: 'loading' });
  protected readonly plans = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? [...state.value].sort((a, b) => b.year - a.year) : [];
  });
  /** Next year's plan is drafted from the latest one. */
  protected readonly latest = computed(() => this.plans()[0] ?? null);
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  /** The year of a first, blank plan (this calendar year until the office picks another). */
  protected readonly blankYear = signal(String(new Date().getFullYear()));
  protected readonly blankYearValid = computed(() => /^(20\d\d|2100)$/.test(this.blankYear().trim()));
  protected readonly drafting = signal(false);
  protected readonly importOpen = signal(false);
  /** A workbook is imported for next year by default (or this year before there is any plan). */
  protected readonly importYear = computed(() => {
    const latest = this.latest();
    return latest ? latest.year + 1 : new Date().getFullYear();
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .listPlans()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (plans) => this.state.set({ status: 'ready', value: plans }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected draftNext(): void {
    const latest = this.latest();
    if (latest) this.draft(latest.year + 1, latest.year);
  }

  protected draftBlank(): void {
    if (this.blankYearValid()) this.draft(Number(this.blankYear().trim()), null);
  }

  /** A workbook was imported (the dialog said 已导入): to the year's plan. */
  protected imported(plan: AnnualPlanView): void {
    void this.router.navigate(['/plan', plan.year]);
  }

  private draft(year: number, fromYear: number | null): void {
    if (this.drafting()) return;
    this.drafting.set(true);
    this.api
      .draft(year, fromYear)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.drafting.set(false);
          this.message.success(this.i18n.t('plan.list.drafted', { year }));
          void this.router.navigate(['/plan', year]);
        },
        error: (error: unknown) => {
          this.drafting.set(false);
          this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }
}
