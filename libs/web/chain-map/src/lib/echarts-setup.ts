/**
 * ECharts for the map: the tree chart, its tooltip and the canvas renderer (the map is saved as a
 * PNG with getDataURL, which the SVG renderer cannot). Loaded by a dynamic import from the
 * feature's routes, a chunk of its own fetched after the page's text is on screen.
 */
import { TreeChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([TreeChart, TooltipComponent, CanvasRenderer]);

export { init };
