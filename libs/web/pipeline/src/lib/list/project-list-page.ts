import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  PROJECT_SORTS,
  PROJECT_STATUSES,
  STAGES,
  type ProjectPage,
  type ProjectSort,
} from '@crm/domain';
import { AppClock, API_BASE_URL, AuthService, I18nService, TranslatePipe, apiErrorText, type MessageKey } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { EditRights } from '../data-access/edit-rights';
import { STATUS_COLORS, landRouteMarkKey, stageKey, statusKey } from '../data-access/labels';
import type { LoadState } from '../data-access/load-state';
import { PipelineApi } from '../data-access/pipeline.api';
import { ReferenceApi } from '../data-access/reference.api';
import {
  DEFAULT_FILTERS,
  PAGE_SIZE,
  amountProblem,
  filtersFromParams,
  filtersToParams,
  toHttpParams,
  toListQuery,
  type ProjectFilters,
} from './project-filters';

/** The URL's filters and the page: keyset paging keeps the cursor of every page seen. */
interface PageRequest {
  filters: ProjectFilters;
  cursor: string | null;
}

/** /projects — 项目库: every project the user may read, filtered, searched, sorted, paged. */
@Component({
  selector: 'crm-project-list-page',
  imports: [
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    RouterLink,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './project-list-page.html',
  styleUrl: './project-list-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectListPage {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly reference = inject(ReferenceApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly apiBase = inject(API_BASE_URL);
  protected readonly rights = inject(EditRights);

  protected readonly lang = this.i18n.lang;
  protected readonly stages = STAGES;
  protected readonly statuses = PROJECT_STATUSES;
  protected readonly sorts = PROJECT_SORTS;
  protected readonly stageKey = stageKey;
  protected readonly statusKey = statusKey;
  protected readonly landRouteMarkKey = landRouteMarkKey;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly today = this.clock.today();

  /** What the URL says: the list shown. */
  protected readonly applied = toSignal(this.route.queryParamMap.pipe(map(filtersFromParams)), {
    initialValue: DEFAULT_FILTERS,
  });
  /** What the filter bar holds; text fields apply on Enter or 查询, choices at once. */
  protected readonly draft = signal<ProjectFilters>(DEFAULT_FILTERS);
  protected readonly moreFilters = signal(false);
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 767.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  /** cursors[i] opens page i. */
  private readonly cursors = signal<(string | null)[]>([null]);
  protected readonly pageIndex = signal(0);
  private readonly request$ = new Subject<PageRequest>();
  protected readonly state = signal<LoadState<ProjectPage>>({ status: 'loading' });

  protected readonly page = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly pageCount = computed(() => Math.max(1, Math.ceil((this.page()?.total ?? 0) / PAGE_SIZE)));
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  /** The list as filtered on screen, every page, as .xlsx (GET /api/ledger/exports/projects takes the same query). */
  protected readonly exportHref = computed(
    () => `${this.apiBase}/ledger/exports/projects?${toHttpParams(toListQuery(this.applied())).toString()}`,
  );
  protected readonly amountError = computed<MessageKey | null>(() => {
    const problem = amountProblem(this.draft());
    return problem ? `pipeline.list.amountProblem.${problem}` : null;
  });

  protected readonly chainOptions = toSignal(
    this.reference.chains().pipe(
      map((chains) => {
        const readable = this.auth.user()?.chainCodes ?? [];
        return chains.filter((c) => readable.includes(c.code));
      }),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );
  protected readonly unitOptions = toSignal(this.reference.units().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  /** Owners to filter by: the user, then the owners of the projects seen so far. */
  private readonly seenOwners = signal<Map<string, string>>(new Map());
  protected readonly ownerOptions = computed(() => {
    const me = this.auth.user();
    const owners = new Map(this.seenOwners());
    if (me) owners.delete(me.id);
    return [
      ...(me ? [{ id: me.id, name: this.i18n.t('pipeline.list.mine', { name: me.displayName }) }] : []),
      ...[...owners].map(([id, name]) => ({ id, name })),
    ];
  });

  constructor() {
    this.request$
      .pipe(
        debounceTime(0),
        switchMap(({ filters, cursor }) =>
          this.api.list(toListQuery(filters, cursor)).pipe(
            map((value): LoadState<ProjectPage> => ({ status: 'ready', value })),
            catchError((error: unknown) => of<LoadState<ProjectPage>>({ status: 'error', error })),
            startWith<LoadState<ProjectPage>>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') this.rememberOwners(state.value);
      });
    this.route.queryParamMap.pipe(map(filtersFromParams), takeUntilDestroyed()).subscribe((filters) => {
      this.draft.set(filters);
      this.cursors.set([null]);
      this.pageIndex.set(0);
      this.request$.next({ filters, cursor: null });
    });
  }

  private rememberOwners(page: ProjectPage): void {
    const owners = new Map(this.seenOwners());
    for (const item of page.items) owners.set(item.owner.id, item.owner.displayName);
    this.seenOwners.set(owners);
  }

  protected patch(change: Partial<ProjectFilters>): void {
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  /** A choice (select, checkbox) applies at once. */
  protected choose(change: Partial<ProjectFilters>): void {
    this.patch(change);
    this.apply();
  }

  protected apply(): void {
    if (this.amountError()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(this.draft()),
    });
  }

  protected reset(): void {
    this.draft.set(DEFAULT_FILTERS);
    this.apply();
  }

  /** The cockpit's filters in words, or '' when the list has none. */
  protected readonly scopeText = computed(() => {
    const s = this.applied().scope;
    const t = this.i18n.t;
    const range = (from?: string, to?: string) => `${from ?? ''}—${to ?? ''}`;
    const parts: string[] = [];
    if (s.signedFrom || s.signedTo) parts.push(t('cockpit.listScope.signed', { range: range(s.signedFrom, s.signedTo) }));
    if (s.agreementFrom || s.agreementTo) parts.push(t('cockpit.listScope.agreement', { range: range(s.agreementFrom, s.agreementTo) }));
    if (s.fundsFrom || s.fundsTo) parts.push(t('cockpit.listScope.funds', { range: range(s.fundsFrom, s.fundsTo) }));
    if (s.bigBy) parts.push(t('cockpit.listScope.bigBy', { month: s.bigBy }));
    if (s.stageSinceTo) parts.push(t('cockpit.listScope.stageSince', { date: s.stageSinceTo }));
    if (s.idleAsOf) parts.push(t('cockpit.listScope.idleAsOf', { date: s.idleAsOf }));
    if (s.keyTaskId) parts.push(t('cockpit.listScope.keyTask', { id: s.keyTaskId }));
    if (s.followUpOverdue) parts.push(t('cockpit.listScope.overdue'));
    if (s.includeRelated) parts.push(t('cockpit.listScope.related'));
    return parts.join(this.lang() === 'en' ? '; ' : '；');
  });

  protected clearScope(): void {
    this.draft.update((draft) => ({ ...draft, scope: {} }));
    this.apply();
  }

  protected idleDays(value: string): void {
    const days = Number(value);
    this.patch({ idleDays: value.trim() && Number.isInteger(days) && days > 0 ? days : null });
  }

  protected sortKey(sort: ProjectSort): MessageKey {
    return `pipeline.sort.${sort}`;
  }

  protected next(): void {
    const page = this.page();
    if (!page?.nextCursor) return;
    const index = this.pageIndex() + 1;
    this.cursors.update((cursors) => [...cursors.slice(0, index), page.nextCursor]);
    this.pageIndex.set(index);
    this.request$.next({ filters: this.applied(), cursor: page.nextCursor });
  }

  protected previous(): void {
    const index = this.pageIndex() - 1;
    if (index < 0) return;
    this.pageIndex.set(index);
    this.request$.next({ filters: this.applied(), cursor: this.cursors()[index] });
  }

  protected retry(): void {
    this.request$.next({ filters: this.applied(), cursor: this.cursors()[this.pageIndex()] });
  }

  /** The chain's short name for the table: 清洁能源 rather than 清洁能源产业链. */
  protected chainName(code: string): string {
    const chain = this.chainOptions().find((c) => c.code === code);
    if (!chain) return code;
    return this.lang() === 'en' ? chain.nameEn : chain.nameZh.replace(/产业链$/, '');
  }

  protected isDue(date: string | null): boolean {
    return date !== null && date <= this.today;
  }
}
