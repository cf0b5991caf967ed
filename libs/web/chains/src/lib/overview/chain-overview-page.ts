import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CHAIN_KINDS, type ChainView } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { LoadStateView, WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { cityTargets, latestTargetYear } from '../data-access/chain-targets';
import { ChainsApi } from '../data-access/chains.api';
import { LoadState } from '../data-access/load-state';
import { ChainCard } from './chain-card';

/** 产业链总览: the seven chains of the "5+2" plan and the city-wide targets they add up to. */
@Component({
  selector: 'crm-chain-overview-page',
  imports: [
    LoadStateView,
    ChainCard,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './chain-overview-page.html',
  styleUrl: './chain-overview-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainOverviewPage {
  private readonly api = inject(ChainsApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lang = inject(I18nService).lang;
  protected readonly state = signal<LoadState<ChainView[]>>({
    status: 'loading',
  });

  protected readonly chains = computed(() => {
    const state = this.state();
    return state.status === 'ready'
      ? [...state.value].sort((a, b) => a.sortOrder - b.sortOrder)
      : [];
  });
  protected readonly year = computed(() => latestTargetYear(this.chains()));
  protected readonly totals = computed(() => {
    const year = this.year();
    return year === null ? null : cityTargets(this.chains(), year);
  });
  /** 主导产业链 first, then 特色产业链, as the plan lists them. */
  protected readonly sections = computed(() =>
    CHAIN_KINDS.map((kind) => ({
      kind,
      titleKey:
        kind === 'leading'
          ? ('chains.section.leading' as const)
          : ('chains.section.special' as const),
      chains: this.chains().filter((chain) => chain.kind === kind),
    })).filter((section) => section.chains.length > 0),
  );
  protected readonly counts = computed(() => ({
    total: this.chains().length,
    leading: this.chains().filter((c) => c.kind === 'leading').length,
    special: this.chains().filter((c) => c.kind === 'special').length,
  }));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'ready', value }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }
}
