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
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  ACTION_ITEM_FILTERS,
  type ActionItemFilter,
  type ActionItemListQuery,
  type ActionItemView,
  type ChainCode,
  type ChainView,
} from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import type { LoadState } from '../data-access/load-state';
import { filterKey } from '../data-access/meeting-labels';
import { MeetingRights } from '../data-access/meeting-rights';
import { MeetingsApi } from '../data-access/meetings.api';
import { ActionItemList } from './action-item-list';
import { LoadStateView } from '@crm/web/ui';

/** Whose items: the own unit's (staff's default) or every item the user may see. */
type Scope = 'unit' | 'all';

/**
 * /meetings/items — 交办事项: staff see their unit's items first; a chain and open / overdue / all
 * narrow the list. The owner moves an item on (开始办理, 办结 with a note) and adds progress notes.
 */
@Component({
  selector: 'crm-action-items-page',
  imports: [
    LoadStateView,
    ActionItemList,
    FormsModule,
    NzButtonModule,
    NzTagModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzRadioModule,
    NzSelectModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './action-items-page.html',
  styleUrl: './action-items-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionItemsPage {
  private readonly api = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly rights = inject(MeetingRights);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly filters = ACTION_ITEM_FILTERS;
  protected readonly filterKey = filterKey;
  protected readonly unit = this.rights.unit;
  /** Staff with a unit choose between their unit's items and all they may see. */
  protected readonly hasUnitScope = computed(() => this.rights.isStaff() && !!this.rights.unit());

  /** Opened from 督办情况 with ?chain=, ?unitId=&unitName= and ?filter=. */
  private readonly params = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly chain = signal<ChainCode | null>((this.params.get('chain') as ChainCode | null) || null);
  protected readonly filter = signal<ActionItemFilter>(
    ACTION_ITEM_FILTERS.find((f) => f === this.params.get('filter')) ?? 'open',
  );
  /** Another unit's items, asked for by the follow-through page. */
  protected readonly unitFilter = signal<{ id: number; name: string } | null>(
    /^\d+$/.test(this.params.get('unitId') ?? '')
      ? { id: Number(this.params.get('unitId')), name: this.params.get('unitName') ?? '' }
      : null,
  );
  protected readonly scope = signal<Scope>(this.hasUnitScope() && !this.unitFilter() ? 'unit' : 'all');

  private readonly allChains = signal<ChainView[]>([]);
  protected readonly chains = this.allChains.asReadonly();
  protected readonly chainOptions = computed(() => {
    const readable = this.rights.readableChains();
    const en = this.lang() === 'en';
    return this.allChains()
      .filter((c) => readable.includes(c.code))
      .map((c) => ({ code: c.code, label: en ? c.nameEn : c.nameZh }));
  });

  protected readonly state = signal<LoadState<ActionItemView[]>>({ status: 'loading' });
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly emptyText = computed(() =>
    this.i18n.t(
      this.filter() === 'overdue'
        ? 'meetings.items.emptyOverdue'
        : this.filter() === 'open'
          ? 'meetings.items.emptyOpen'
          : 'meetings.items.emptyAll',
    ),
  );

  constructor() {
    this.api
      .listChains()
      .pipe(takeUntilDestroyed())
      // Without the chains the filter offers none; the list still shows.
      .subscribe({ next: (chains) => this.allChains.set(chains), error: () => undefined });
    this.load();
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    const query: ActionItemListQuery = { filter: this.filter() };
    const chain = this.chain();
    if (chain) query.chain = chain;
    const unit = this.unit();
    if (this.scope() === 'unit' && unit) query.unitId = unit.id;
    else if (this.unitFilter()) query.unitId = this.unitFilter()?.id;
    this.request = this.api
      .listActionItems(query)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => this.state.set({ status: 'ready', value: items }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected setChain(chain: ChainCode | null): void {
    this.chain.set(chain ?? null);
    this.load();
  }

  protected setFilter(filter: ActionItemFilter): void {
    this.filter.set(filter);
    this.load();
  }

  protected setScope(scope: Scope): void {
    this.scope.set(scope);
    this.unitFilter.set(null);
    this.load();
  }

  protected clearUnitFilter(): void {
    this.unitFilter.set(null);
    this.load();
  }

  /** A moved item stays in place until the list is read again, so the user sees what changed. */
  protected replace(item: ActionItemView): void {
    this.state.update((state) =>
      state.status === 'ready'
        ? { status: 'ready', value: state.value.map((i) => (i.id === item.id ? item : i)) }
        : state,
    );
  }
}
