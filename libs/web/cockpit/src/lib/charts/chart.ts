import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

/**
 * One chart: ngx-echarts with the SVG renderer, a fixed height, and a text alternative (the
 * figures are on the page as text too; the chart is their picture). Printing redraws it at the
 * paper's width.
 */
@Component({
  selector: 'crm-chart',
  imports: [NgxEchartsDirective],
  template: `
    <div
      class="chart"
      role="img"
      [attr.aria-label]="label()"
      [style.height.px]="height()"
      echarts
      [options]="options()"
      [initOpts]="initOpts"
      [autoResize]="true"
    ></div>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .chart {
      width: 100%;
    }
    @media print {
      .chart {
        break-inside: avoid;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Chart {
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input.required<string>();
  readonly height = input(260);

  protected readonly initOpts = { renderer: 'svg' };
  private readonly directive = viewChild(NgxEchartsDirective);

  constructor() {
    // The page narrows to the paper before printing; redraw the chart to fit it.
    const resize = () => this.directive()?.resize();
    const win = typeof window === 'undefined' ? null : window;
    win?.addEventListener('beforeprint', resize);
    win?.addEventListener('afterprint', resize);
    inject(DestroyRef).onDestroy(() => {
      win?.removeEventListener('beforeprint', resize);
      win?.removeEventListener('afterprint', resize);
    });
  }
}
