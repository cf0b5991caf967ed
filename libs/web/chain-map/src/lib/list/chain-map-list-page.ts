import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ChainMapSummary } from '@crm/domain';
import { AppClock, I18nService, apiErrorText, saveBlob } from '@crm/web/core';
import { LoadStateView, PageHeader, type LoadState } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { ChainMapTextPipe, chainMapText } from '../chain-map-text';
import { ChainMapApi } from '../data-access/chain-map.api';

/** /chain-map?year= — each chain's map of the year in figures, its gaps with no active lead named. */
@Component({
  selector: 'crm-chain-map-list-page',
  imports: [ChainMapTextPipe, FormsModule, LoadStateView, NzButtonModule, NzCardModule, NzIconModule, NzSelectModule, NzTagModule, PageHeader, RouterLink],
  template: `
    <crm-page-header [heading]="'title' | cm" [subtitle]="'listSubtitle' | cm">
      <nz-select class="year-select" [ngModel]="year()" (ngModelChange)="pickYear($event)" [attr.aria-label]="'year' | cm">
        @for (y of years(); track y) {
          <nz-option [nzValue]="y" [nzLabel]="'yearTitle' | cm: { year: y }" />
        }
      </nz-select>
      <button nz-button type="button" class="export-targets" [nzLoading]="exporting()" (click)="exportTargets()">
        <nz-icon nzType="download" />{{ 'exportTargets' | cm }}
      </button>
    </crm-page-header>
    <crm-load-state [state]="state()" [errorTitle]="'loadError' | cm" [errorText]="errorText()" (retry)="load()" [framed]="true" />
    @if (state().status === 'ready') {
      <div class="chains">
        @for (c of summaries(); track c.code) {
          <nz-card class="chain" [attr.data-chain]="c.code">
            <div class="head">
              <h2>{{ c.nameZh }}</h2>
              @if (c.hasMap) {
                @if (c.drafts) {
                  <nz-tag nzColor="gold">{{ 'drafts' | cm }} {{ c.drafts }}</nz-tag>
                }
              } @else {
                <nz-tag>{{ 'noMap' | cm }}</nz-tag>
              }
            </div>
            @if (c.hasMap) {
              <p class="figures">
                {{ 'links' | cm }} <b>{{ c.links }}</b> · {{ 'gaps' | cm }} <b>{{ c.gaps }}</b> · {{ 'unledGaps' | cm }}
                <b [class.alarm]="c.unledGaps > 0">{{ c.unledGaps }}</b>
              </p>
              @if (c.unledGapNames.length) {
                <p class="unled">⚑ {{ c.unledGapNames.join('、') }}</p>
              } @else {
                <p class="all-led">{{ 'allLed' | cm }}</p>
              }
            }
            <a nz-button nzType="link" class="open" [routerLink]="['/chain-map', c.code, year()]">{{ 'open' | cm }}</a>
          </nz-card>
        }
      </div>
    }
  `,
  styles: `
    .year-select { width: 110px; }
    .chains { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
    .head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    h2 { font-size: 16px; margin: 0; }
    .figures { margin: 8px 0 4px; }
    .alarm, .unled { color: #cf1322; }
    .all-led { color: #389e0d; }
    .open { padding-left: 0; }
    @media print { crm-page-header button, nz-select, .open { display: none; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainMapListPage {
  private readonly api = inject(ChainMapApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly clock = inject(AppClock);
  private request: Subscription | null = null;

  protected readonly year = signal(Number(inject(ActivatedRoute).snapshot.queryParamMap.get('year')) || this.clock.year());
  /** The 2025 plan's map (the seed) through next year. */
  protected readonly years = computed(() => {
    const last = Math.max(this.clock.year() + 1, this.year());
    const first = Math.min(2025, this.year());
    return Array.from({ length: last - first + 1 }, (_, i) => last - i);
  });
  protected readonly state = signal<LoadState<ChainMapSummary[]>>({ status: 'loading' });
  protected readonly summaries = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : [];
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  });
  protected readonly exporting = signal(false);

  constructor() {
    this.load();
  }

  protected pickYear(year: number): void {
    this.year.set(year);
    void this.router.navigate([], { queryParams: { year }, replaceUrl: true });
    this.load();
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .list(this.year())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'ready', value }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected exportTargets(): void {
    this.exporting.set(true);
    this.api
      .exportTargets(this.year())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (file) => {
          this.exporting.set(false);
          saveBlob(file.blob, file.fileName);
        },
        error: (error: unknown) => {
          this.exporting.set(false);
          this.message.error(apiErrorText(error, this.i18n) || chainMapText(this.i18n.lang(), 'loadError'));
        },
      });
  }
}
