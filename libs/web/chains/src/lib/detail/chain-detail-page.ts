import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ChainView } from '@crm/domain';
import { TranslatePipe } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { map } from 'rxjs';
import { latestTargetYear } from '../data-access/chain-targets';
import { ChainsApi } from '../data-access/chains.api';
import { LoadState } from '../data-access/load-state';
import { ChainCard } from '../overview/chain-card';
import { LoadStateView } from '@crm/web/ui';

/** /chains/:code — one chain with its 招商方向 open. */
@Component({
  selector: 'crm-chain-detail-page',
  imports: [
    LoadStateView,
    ChainCard,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzResultModule,
    RouterLink,
    TranslatePipe,
  ],
  template: `
    <a class="back" routerLink="/chains">
      <nz-icon nzType="arrow-left" />
      {{ 'chains.backToOverview' | t }}
    </a>
    <crm-load-state
      [state]="state()"
      [framed]="true"
      [rows]="8"
      [errorTitle]="'chains.error.title' | t"
      [errorText]="'chains.error.hint' | t"
      [retryLabel]="'chains.retry' | t"
      backLink="/chains"
      [backLabel]="'chains.backToOverview' | t"
      (retry)="load()"
    />
    @switch (state().status) {
      @case ('ready') {
        @if (chain(); as chain) {
          <crm-chain-card [chain]="chain" [year]="year()" directionOpen />
        } @else {
          <nz-card>
            <nz-result
              nzStatus="404"
              [nzTitle]="'chains.notFound' | t"
              [nzSubTitle]="'chains.notFound.hint' | t"
            >
              <div nz-result-extra>
                <a nz-button nzType="primary" routerLink="/chains">
                  {{ 'chains.backToOverview' | t }}
                </a>
              </div>
            </nz-result>
          </nz-card>
        }
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .back {
      display: inline-block;
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainDetailPage {
  private readonly api = inject(ChainsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly code = toSignal(
    inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('code'))),
  );

  protected readonly state = signal<LoadState<ChainView[]>>({
    status: 'loading',
  });
  private readonly chains = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly chain = computed(() =>
    this.chains().find((chain) => chain.code === this.code()),
  );
  protected readonly year = computed(() => latestTargetYear(this.chains()));

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
