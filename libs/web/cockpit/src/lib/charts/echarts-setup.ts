/**
 * The only entry to ECharts: `echarts/core` with the two chart types (bar, line) and the components the
 * cockpit draws, and the SVG renderer (crisp on paper, text in the page's Chinese fonts).
 * Loaded by a dynamic import from the cockpit's routes, so it is a chunk of its own that a
 * page fetches after its figures are on screen, and never part of the initial bundle.
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { init };
