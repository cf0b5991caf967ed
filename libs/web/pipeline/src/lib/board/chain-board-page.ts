import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  isChainCode,
  type ChainBoardView,
  type ChainCode,
  type ChainProgressView,
  type ProjectSummaryView,
  type ProjectView,
  type Stage,
} from '@crm/domain';
import { AppClock, AuthService, I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { LoadStateView, WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import {
  Observable,
  Subject,
  catchError,
  combineLatest,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { isNotFound } from '../data-access/api-problems';
import { EditRights } from '../data-access/edit-rights';
import { stageKey } from '../data-access/labels';
import type { LoadState } from '../data-access/load-state';
import { PipelineApi } from '../data-access/pipeline.api';
import { ReferenceApi } from '../data-access/reference.api';
import { StageMoveForm } from '../move/stage-move-form';
import { BoardCard } from './board-card';
import { boardTotals, columnAmount } from './board-columns';
import { ChainProgressPanel } from './chain-progress-panel';

/** How many years back the year picker offers (a year without a published plan says so). */
export const PROGRESS_YEARS_BACK = 5;

/** The year the progress compares with by default: this year in Shanghai, by the API's clock. */
export function defaultProgressYear(clock: AppClock): number {
  return clock.year();
}

/** Cards per column: the first ones (major, then recently updated); the column links to the rest. */
export const BOARD_CARDS = 10;

interface PendingMove {
  project: ProjectSummaryView;
  /** null: the user picks the stage in the form (the card's move button). */
  to: Stage | null;
}

/** Loads on every key, and again on `refresh$` without blanking what is shown meanwhile. */
function reloadable<K, T>(
  key$: Observable<K>,
  refresh$: Observable<void>,
  fetch: (key: K) => Observable<T>,
): Observable<LoadState<T>> {
  return key$.pipe(
    switchMap((key) =>
      refresh$.pipe(
        startWith(undefined),
        switchMap((_, i) => {
          const answer$ = fetch(key).pipe(
            map((value): LoadState<T> => ({ status: 'ready', value })),
            catchError((error: unknown) => of<LoadState<T>>({ status: 'error', error })),
          );
          return i === 0 ? answer$.pipe(startWith<LoadState<T>>({ status: 'loading' })) : answer$;
        }),
      ),
    ),
  );
}

/** /chains/:code/board — 项目看板: the chain's seven stages as columns, and its year's progress. */
@Component({
  selector: 'crm-chain-board-page',
  imports: [
    LoadStateView,
    BoardCard,
    CdkDrag,
    CdkDropList,
    CdkDropListGroup,
    ChainProgressPanel,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzModalModule,
    NzResultModule,
    NzSelectModule,
    NzSkeletonModule,
    RouterLink,
    StageMoveForm,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './chain-board-page.html',
  styleUrl: './chain-board-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainBoardPage {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly message = inject(NzMessageService);
  private readonly rights = inject(EditRights);
  private readonly auth = inject(AuthService);

  protected readonly lang = this.i18n.lang;
  protected readonly stageKey = stageKey;
  protected readonly columnAmount = columnAmount;

  private readonly code$ = this.route.paramMap.pipe(
    map((params) => params.get('code') ?? ''),
    distinctUntilChanged(),
  );
  private readonly year$ = this.route.queryParamMap.pipe(
    map((params) => {
      const year = Number(params.get('year'));
      return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : defaultProgressYear(this.clock);
    }),
    distinctUntilChanged(),
  );
  protected readonly code = toSignal(this.code$, { initialValue: '' });
  protected readonly year = toSignal(this.year$, { initialValue: defaultProgressYear(this.clock) });
  /** This year and the five before it, and the year shown if older. */
  protected readonly years = computed(() => {
    const last = defaultProgressYear(this.clock);
    const first = Math.min(last - PROGRESS_YEARS_BACK, this.year());
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  });

  private readonly refresh$ = new Subject<void>();
  protected readonly board = signal<LoadState<ChainBoardView>>({ status: 'loading' });
  protected readonly progress = signal<LoadState<ChainProgressView>>({ status: 'loading' });

  private readonly chains = toSignal(inject(ReferenceApi).chains().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  /** The chains this user may read, for the switcher. */
  protected readonly chainOptions = computed(() => {
    const readable = this.auth.user()?.chainCodes ?? [];
    return this.chains()
      .filter((chain) => readable.includes(chain.code))
      .map((chain) => ({ code: chain.code, name: this.lang() === 'en' ? chain.nameEn : chain.nameZh }));
  });
  protected readonly chainName = computed(() => {
    const code = this.code();
    const listed = this.chainOptions().find((chain) => chain.code === code)?.name;
    const board = this.board();
    return listed ?? (board.status === 'ready' ? board.value.chain.nameZh : '');
  });

  protected readonly progressValue = computed(() => {
    const progress = this.progress();
    return progress.status === 'ready' ? progress.value : null;
  });
  protected readonly columns = computed(() => {
    const board = this.board();
    return board.status === 'ready' ? board.value.columns : [];
  });
  protected readonly totals = computed(() => boardTotals(this.columns()));
  protected readonly notFound = computed(() => {
    const board = this.board();
    return board.status === 'error' && isNotFound(board.error);
  });
  protected readonly boardError = computed(() => {
    const board = this.board();
    return board.status === 'error' ? apiErrorText(board.error, this.i18n) : '';
  });
  protected readonly canEdit = computed(() => isChainCode(this.code()) && this.rights.canEditChain(this.code() as ChainCode));

  protected readonly pendingMove = signal<PendingMove | null>(null);
  protected readonly moveTitle = computed(() => {
    const move = this.pendingMove();
    if (!move) return '';
    return move.to
      ? this.i18n.t('pipeline.move.titleTo', { stage: this.i18n.t(stageKey(move.to)) })
      : this.i18n.t('pipeline.move.title');
  });

  constructor() {
    reloadable(this.code$, this.refresh$, (code) => this.api.board(code as ChainCode, BOARD_CARDS))
      .pipe(takeUntilDestroyed())
      .subscribe((state) => this.board.set(state));
    reloadable(combineLatest([this.code$, this.year$]), this.refresh$, ([code, year]) =>
      this.api.progress(code as ChainCode, year),
    )
      .pipe(takeUntilDestroyed())
      .subscribe((state) => this.progress.set(state));
  }

  protected movable(project: ProjectSummaryView): boolean {
    return this.canEdit() && project.status === 'active';
  }

  protected reload(): void {
    this.refresh$.next();
  }

  protected switchChain(code: ChainCode): void {
    void this.router.navigate(['/chains', code, 'board'], { queryParamsHandling: 'preserve' });
  }

  protected switchYear(year: number): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { year: year === defaultProgressYear(this.clock) ? null : year },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** A card dropped on another column asks for the move; nothing moves until the API agrees. */
  protected dropped(event: CdkDragDrop<Stage, Stage, ProjectSummaryView>): void {
    if (event.previousContainer === event.container) return;
    this.pendingMove.set({ project: event.item.data, to: event.container.data });
  }

  protected askMove(project: ProjectSummaryView): void {
    this.pendingMove.set({ project, to: null });
  }

  protected cancelMove(): void {
    this.pendingMove.set(null);
  }

  protected moved(project: ProjectView): void {
    this.pendingMove.set(null);
    this.message.success(
      this.i18n.t('pipeline.move.done', { name: project.name, stage: this.i18n.t(stageKey(project.stage)) }),
    );
    this.reload();
  }
}
