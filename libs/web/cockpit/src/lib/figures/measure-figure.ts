import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AmountMeasure, CountMeasure, Wan, YearOnYearFigure } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import {
  barPercent,
  magnitude,
  paceState,
  projectsParams,
  shortRate,
} from '../data-access/figures';
import { YearOnYearNote } from './year-on-year-note';

/**
 * One figure against its target: the year to date (a link to the projects behind it), the
 * target, completion, and the pace (序时进度: where an even pace would be by this month) with how
 * far ahead or behind it the figure is.
 */
@Component({
  selector: 'crm-measure-figure',
  imports: [NzProgressModule, RouterLink, TranslatePipe, YearOnYearNote],
  template: `
    @let m = measure();
    @if (label()) {
      <div class="label">{{ label() }}</div>
    }
    <div class="figure">
      <a
        class="actual"
        routerLink="/projects"
        [queryParams]="params()"
        [attr.aria-label]="linkLabel()"
        >{{ show(m.actual) }}</a
      >
      @if (m.target !== null) {
        <span class="target">/ {{ targetText() }}</span>
      }
    </div>
    @if (m.rate !== null) {
      <nz-progress
        [nzPercent]="bar()"
        [nzShowInfo]="false"
        nzSize="small"
        [nzStrokeColor]="state() === 'behind' ? '#fa8c16' : '#1677ff'"
      />
      <div class="notes">
        <span class="rate">{{ 'cockpit.rate' | t: { rate: rate() } }}</span>
        @if (m.pace !== null && m.gap !== null) {
          <span class="pace" [class]="state()">{{
            (state() === 'ahead' ? 'cockpit.pace.ahead' : 'cockpit.pace.behind')
              | t: { gap: show(gapSize()) }
          }}</span>
          @if (!compact()) {
            <span class="pace-at">{{
              'cockpit.pace.at' | t: { pace: show(m.pace) }
            }}</span>
          }
        }
      </div>
    } @else {
      <div class="notes muted">
        {{ (planMissing() ? 'planMissing.noTarget' : 'cockpit.noTarget') | t }}
      </div>
    }
    @if (yoy(); as y) {
      <div class="notes yoy"><crm-year-on-year [figure]="y" [compact]="compact()" /></div>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .label {
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
    }
    .figure {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 6px;
    }
    .actual {
      font-size: 22px;
      font-weight: 600;
      color: #0b4aa8;
    }
    :host(.compact) .actual {
      font-size: 15px;
    }
    /* On a phone each figure is a tap target of at least 44 px. */
    @media (max-width: 767.98px) {
      .actual {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
      }
    }
    .target,
    .muted,
    .pace-at {
      color: rgba(0, 0, 0, 0.62);
    }
    .notes {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 10px;
      font-size: 12px;
    }
    .ahead {
      color: #389e0d;
    }
    .behind {
      color: #d4380d;
    }
    nz-progress {
      display: block;
      margin: 2px 0 0;
    }
  `,
  host: { '[class.compact]': 'compact()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasureFigure {
  readonly measure = input.required<AmountMeasure | CountMeasure>();
  /** 'amount': 万元 shown as 亿元/万元; 'count': a number of projects. */
  readonly kind = input<'amount' | 'count'>('amount');
  readonly label = input('');
  /** In a table cell: smaller, without the pace's own figure. */
  readonly compact = input(false, { transform: booleanAttribute });
  /** The plan writes the target as "at least" (…以上 / 不少于). */
  readonly atLeast = input(false);
  /** The year's plan is not published: say so rather than "no target". */
  readonly planMissing = input(false);
  /** 同比 of the figure (the same months of last year); absent: not shown. */
  readonly yoy = input<YearOnYearFigure<Wan | number> | undefined>(undefined);

  private readonly i18n = inject(I18nService);
  private readonly wan = new WanPipe();

  protected readonly params = computed(() =>
    projectsParams(this.measure().query),
  );
  protected readonly bar = computed(() => barPercent(this.measure().rate));
  protected readonly rate = computed(() => shortRate(this.measure().rate));
  protected readonly state = computed(() => paceState(this.measure().gap));
  protected readonly gapSize = computed(() =>
    magnitude(this.measure().gap ?? '0'),
  );
  protected readonly linkLabel = computed(() =>
    this.i18n.t('cockpit.showProjects', {
      figure: `${this.label()} ${this.show(this.measure().actual)}`.trim(),
    }),
  );

  /** "220亿元以上" / "不少于 5 个" where the plan says at least, else the target as it is. */
  protected readonly targetText = computed(() => {
    const target = this.measure().target;
    if (target === null) return '';
    const value = this.show(target);
    if (!this.atLeast()) return value;
    return this.i18n.t(this.kind() === 'count' ? 'target.atLeast.count' : 'target.atLeast.amount', { value });
  });

  /** An amount in 亿元/万元 (two decimals), or a count of projects (pace may be fractional). */
  protected show(value: string | number): string {
    if (this.kind() === 'count') {
      return this.i18n.t('cockpit.count', { count: shortRate(String(value)) });
    }
    return this.wan.transform(String(value), this.i18n.lang(), 2);
  }
}
