import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink, type ParamMap, type Params } from '@angular/router';
import { ReloadOutline } from '@ant-design/icons-angular/icons';
import type { ActionItemFilter, ActionItemSummaryRow, ActionItemSummaryView } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { MeetingPackApi, type LoadState } from '../data-access/meeting-pack.api';
import { completionText, isDateText, problemText } from '../data-access/pack-format';
import { DateInput, LoadStateView } from '@crm/web/ui';

type SummaryBy = 'chain' | 'unit';

interface SummaryQuery {
  by: SummaryBy;
  asOf: string | null;
}

function queryFrom(params: ParamMap): SummaryQuery {
  const asOf = params.get('asOf');
  return { by: params.get('by') === 'unit' ? 'unit' : 'chain', asOf: isDateText(asOf) ? asOf : null };
}

/**
 * /meetings/follow-through — 督办情况: the action items of the meetings by chain or by
 * responsible unit, open, overdue and done, and the completion rate at a date. Each figure opens
 * the items behind it on /meetings/items.
 */
@Component({
  selector: 'crm-follow-through-page',
  imports: [
    LoadStateView,
    DateInput,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzRadioModule,
    NzTableModule,
    RouterLink,
    TranslatePipe,
  ],
  providers: [provideNzIconsPatch([ReloadOutline])],
  templateUrl: './follow-through-page.html',
  styleUrls: ['../pack/page-header.less', './follow-through-page.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowThroughPage {
  private readonly api = inject(MeetingPackApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly completionText = completionText;
  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(queryFrom)), {
    initialValue: queryFrom(this.route.snapshot.queryParamMap),
  });
  private readonly reload = signal(0);
  protected readonly state = signal<LoadState<ActionItemSummaryView>>({ status: 'loading' });
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? problemText(state.error, this.i18n) : '';
  });
  /** The date shown: the one asked for, else the API's (today in Shanghai). */
  protected readonly asOfDay = computed(() => this.query().asOf ?? this.view()?.asOf ?? '');

  constructor() {
    toObservable(computed(() => ({ q: this.query(), n: this.reload() })))
      .pipe(
        switchMap(({ q }) =>
          this.api.summary(q.by, q.asOf).pipe(
            map((value): LoadState<ActionItemSummaryView> => ({ status: 'ready', value })),
            catchError((error: unknown) => of<LoadState<ActionItemSummaryView>>({ status: 'error', error })),
            startWith<LoadState<ActionItemSummaryView>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected chooseBy(by: SummaryBy): void {
    this.navigate({ by });
  }

  protected chooseDate(day: string): void {
    this.navigate({ asOf: day || null });
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  /** The row's name: its chain or its unit. */
  protected nameOf(row: ActionItemSummaryRow): string {
    return row.chain?.nameZh ?? row.unit?.name ?? '—';
  }

  protected keyOf(row: ActionItemSummaryRow): string {
    return row.chain ? `chain:${row.chain.code}` : `unit:${row.unit?.id ?? ''}`;
  }

  /** /meetings/items?chain=… or ?unitId=…, with the filter of the figure clicked (the name: none). */
  protected itemsParams(row: ActionItemSummaryRow, filter: ActionItemFilter | null = null): Params {
    const params: Params = row.chain ? { chain: row.chain.code } : { unitId: row.unit?.id, unitName: row.unit?.name };
    if (filter) params['filter'] = filter;
    return params;
  }

  private navigate(change: Partial<{ by: SummaryBy; asOf: string | null }>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: change, queryParamsHandling: 'merge' });
  }
}
