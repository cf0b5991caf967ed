import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ChainLinkTier, ChainMapLinkView, ChainMapView } from '@crm/domain';
import { I18nService, apiErrorText, saveBlob } from '@crm/web/core';
import { LoadStateView, PageHeader, type LoadState } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NgxEchartsDirective } from 'ngx-echarts';
import { Subscription } from 'rxjs';
import { ChainMapTextPipe, chainMapText, type ChainMapTextKey } from '../chain-map-text';
import { ChainMapApi } from '../data-access/chain-map.api';
import { STATUS_COLORS, linksByTier, mapTreeOption, type MapTreeNode } from '../data-access/map-chart';
import { ChainMapEditor } from '../editor/chain-map-editor';
import { LinkDetail } from './link-detail';

/** Phones: the links as a vertical list, no chart. */
const NARROW = '(max-width: 767.98px)';

/**
 * /chain-map/:code/:year — one chain's map: the tree from upstream to downstream at a desk, the
 * links as a list under it (the list alone on a phone, and on paper), each link tapped for its
 * firms, targets and projects. Gaps with no active lead carry ⚑. The office and the chain's staff
 * edit it, or draft it from the previous year's map.
 */
@Component({
  selector: 'crm-chain-map-page',
  imports: [
    ChainMapEditor,
    ChainMapTextPipe,
    LinkDetail,
    LoadStateView,
    NgxEchartsDirective,
    NzButtonModule,
    NzCardModule,
    NzDrawerModule,
    NzIconModule,
    NzTagModule,
    PageHeader,
    RouterLink,
  ],
  templateUrl: './chain-map-page.html',
  styleUrl: './chain-map-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainMapPage {
  private readonly api = inject(ChainMapApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly route = inject(ActivatedRoute);
  private request: Subscription | null = null;
  private chart: { getDataURL(opts: object): string; resize(): void } | null = null;
  private readonly directive = viewChild(NgxEchartsDirective);

  protected readonly code = this.route.snapshot.paramMap.get('code') ?? '';
  protected readonly year = Number(this.route.snapshot.paramMap.get('year'));
  protected readonly state = signal<LoadState<ChainMapView>>({ status: 'loading' });
  protected readonly view = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : null;
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  });
  protected readonly narrow = signal(typeof window !== 'undefined' && !!window.matchMedia?.(NARROW).matches);
  protected readonly tiers = computed(() => linksByTier(this.view()?.map?.links ?? []));
  protected readonly unled = computed(() => (this.view()?.map?.links ?? []).filter((l) => l.unledGap));
  protected readonly chart$ = computed(() => {
    const view = this.view();
    return view?.map ? mapTreeOption(view, (tier) => this.t(tier)) : null;
  });
  protected readonly selectedId = signal<number | null>(null);
  protected readonly selected = computed(() => this.view()?.map?.links.find((l) => l.id === this.selectedId()) ?? null);
  protected readonly colors = STATUS_COLORS;
  protected readonly nameOf = (l: ChainMapLinkView) => l.name;
  protected readonly busy = signal(false);
  protected readonly editing = signal(false);

  constructor() {
    const media = typeof window !== 'undefined' ? window.matchMedia?.(NARROW) : undefined;
    const onChange = (e: MediaQueryListEvent) => this.narrow.set(e.matches);
    media?.addEventListener?.('change', onChange);
    // Paper: the chart redrawn at the paper's width.
    const resize = () => this.directive()?.resize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    this.destroyRef.onDestroy(() => {
      media?.removeEventListener?.('change', onChange);
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
    });
    this.load();
  }

  protected t(key: ChainMapTextKey | ChainLinkTier, params: Record<string, string | number> = {}): string {
    return chainMapText(this.i18n.lang(), key, params);
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .map(this.code, this.year)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'ready', value }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected select(link: ChainMapLinkView): void {
    this.selectedId.set(link.id);
  }

  protected chartInit(chart: unknown): void {
    this.chart = chart as typeof this.chart;
  }

  protected chartClick(event: { data?: MapTreeNode }): void {
    if (event.data?.linkId !== undefined) this.selectedId.set(event.data.linkId);
  }

  protected print(): void {
    window.print();
  }

  /** The tree as drawn, on white, at twice the screen's resolution. */
  protected savePng(): void {
    const view = this.view();
    if (!this.chart || !view) return;
    const url = this.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    const bytes = atob(url.split(',')[1]);
    const array = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
    saveBlob(new Blob([array], { type: 'image/png' }), `${this.year}年${view.chain.nameZh}招商图谱.png`);
  }

  protected draft(): void {
    this.busy.set(true);
    this.api
      .draft(this.code, this.year)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => {
          this.busy.set(false);
          this.state.set({ status: 'ready', value });
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }

  protected saved(value: ChainMapView): void {
    this.editing.set(false);
    this.state.set({ status: 'ready', value });
    this.message.success(this.t('saved'));
  }
}
