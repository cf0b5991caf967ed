import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { SectorFundsGrowthRow, SectorFundsGrowthView } from '@crm/domain';
import { I18nService, TranslatePipe, type MessageKey } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { shortRate } from '../data-access/figures';

/**
 * 分行业到位资金同比: each sector's funds in place this year to date against last year's same
 * months (or last year's whole-year actual, marked 全年), the growth, the plan's target and
 * whether it is met. Shared by the cockpit and the roll-up.
 */
@Component({
  selector: 'crm-sector-growth-table',
  imports: [NzTableModule, NzTagModule, TranslatePipe, WanPipe],
  template: `
    @let g = view();
    <nz-table
      class="sector-growth-table"
      [nzData]="g.rows"
      [nzShowPagination]="false"
      [nzScroll]="{ x: '560px' }"
      nzSize="small"
    >
      <thead>
        <tr>
          <th>{{ 'sectorGrowth.sector' | t }}</th>
          <th>{{ 'sectorGrowth.thisYear' | t }}</th>
          <th>{{ 'sectorGrowth.lastYear' | t }}</th>
          <th>{{ 'sectorGrowth.rate' | t }}</th>
          <th>{{ 'sectorGrowth.target' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (r of g.rows; track r.sector) {
          <tr [attr.data-sector]="r.sector">
            <td class="sector">{{ sectorKey(r) | t }}</td>
            <td class="this-year">{{ r.thisYear | wan: lang() : 2 }}</td>
            <td class="last-year">
              @if (r.lastYear === null) {
                <span class="muted">{{ 'sectorGrowth.noLastYear' | t }}</span>
              } @else {
                {{ r.lastYear | wan: lang() : 2 }}
                @if (r.basis === 'baseline-full-year') {
                  <small class="muted basis">（{{ 'sectorGrowth.baselineMark' | t }}）</small>
                }
              }
            </td>
            <td class="rate" [class.down]="isDown(r)">{{ rate(r) }}</td>
            <td class="target">
              @if (r.target === null) {
                <span class="muted">{{ 'sectorGrowth.none' | t }}</span>
              } @else {
                {{ 'sectorGrowth.targetRate' | t: { rate: short(r.target) } }}
                @if (r.met !== null) {
                  <nz-tag [nzColor]="r.met ? 'green' : 'orange'" class="met">{{
                    (r.met ? 'sectorGrowth.met' : 'sectorGrowth.notMet') | t
                  }}</nz-tag>
                }
              }
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    @if (baseline()) {
      <p class="muted note">{{ 'sectorGrowth.baselineNote' | t: { month: g.month } }}</p>
    }
    @if (!g.planPublished) {
      <p class="muted note no-plan">{{ 'sectorGrowth.noPlan' | t: { year: g.year } }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .muted {
      color: rgba(0, 0, 0, 0.62);
    }
    .down {
      color: #d4380d;
    }
    .note {
      margin: 6px 0 0;
      font-size: 12px;
    }
    .met {
      margin-left: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectorGrowthTable {
  readonly view = input.required<SectorFundsGrowthView>();

  protected readonly lang = inject(I18nService).lang;
  protected readonly short = shortRate;
  protected readonly baseline = computed(() => this.view().rows.some((r) => r.basis === 'baseline-full-year'));

  protected sectorKey(r: SectorFundsGrowthRow): MessageKey {
    return `sectorGrowth.sector.${r.sector}` as MessageKey;
  }

  protected isDown(r: SectorFundsGrowthRow): boolean {
    return r.growthRate !== null && r.growthRate.startsWith('-');
  }

  /** "+12.5%", "−3%", or — without last year's figure. */
  protected rate(r: SectorFundsGrowthRow): string {
    if (r.growthRate === null) return '—';
    const value = shortRate(r.growthRate.replace('-', ''));
    return `${this.isDown(r) ? '−' : '+'}${value}%`;
  }
}
