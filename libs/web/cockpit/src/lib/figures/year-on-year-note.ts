import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  computed,
  inject,
  input,
} from '@angular/core';
import type { Wan, YearOnYearFigure } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { shortRate } from '../data-access/figures';

/**
 * 同比 beside a figure (issue 16 §3), as the headline figures define it: "同比增长 12.5%（上年同期
 * 3.2亿元）", "同比下降 …", "上年同期为 0，不计同比", or "无上年同期数据" — never 0% for a missing
 * year. Against the office's whole-year baseline of a year before the product it says so, and
 * before December that it is compared for the full year only. Used by the cockpit, the leader page,
 * the roll-up page and the meeting pack.
 */
@Component({
  selector: 'crm-year-on-year',
  imports: [TranslatePipe],
  template: `
    @switch (state()) {
      @case ('none') {
        <span class="muted">{{ 'yoy.none' | t }}</span>
      }
      @case ('zero') {
        <span class="muted">{{ 'yoy.zero' | t }}</span>
      }
      @case ('baseline-pending') {
        <span class="muted"
          >{{ 'yoy.lastFullYear' | t: { value: last() } }}{{ 'yoy.fullYearOnly' | t }}</span
        >
      }
      @default {
        <span [class]="state()">{{
          (state() === 'down' ? 'yoy.down' : 'yoy.up') | t: { rate: rate() }
        }}</span>
        @if (!compact()) {
          <span class="muted">{{ againstKey() | t: { value: last() } }}</span>
        }
      }
    }
  `,
  styles: `
    :host {
      display: inline;
      font-size: 12px;
    }
    .muted {
      color: rgba(0, 0, 0, 0.62);
    }
    .up {
      color: #389e0d;
    }
    .down {
      color: #d4380d;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class YearOnYearNote {
  readonly figure = input.required<YearOnYearFigure<Wan | number>>();
  /** In a table cell: the rate only, without last year's figure. */
  readonly compact = input(false, { transform: booleanAttribute });

  private readonly i18n = inject(I18nService);
  private readonly wan = new WanPipe();

  protected readonly state = computed(() => {
    const f = this.figure();
    if (f.lastYear === null || f.basis === null) return 'none';
    if (f.growthRate === null) return f.basis === 'baseline-full-year' ? 'baseline-pending' : 'zero';
    return f.growthRate.startsWith('-') ? 'down' : 'up';
  });
  protected readonly againstKey = computed(() =>
    this.figure().basis === 'baseline-full-year' ? 'yoy.againstFullYear' : 'yoy.against',
  );
  protected readonly rate = computed(() => shortRate((this.figure().growthRate ?? '').replace('-', '')));
  protected readonly last = computed(() => {
    const v = this.figure().lastYear;
    if (v === null) return '';
    return typeof v === 'number'
      ? this.i18n.t('cockpit.count', { count: v })
      : this.wan.transform(v, this.i18n.lang(), 2);
  });
}
