import type { Route } from '@angular/router';
import { ArrowLeftOutline, DownloadOutline, EditOutline, FileImageOutline, PlusOutline, PrinterOutline } from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { provideEchartsCore } from 'ngx-echarts';

/**
 * Lazy-loaded at /chain-map by the shell: the chains' maps of a year, and one chain's map. ECharts
 * arrives through a dynamic import of its own, after the page's links are on screen as text.
 */
export const chainMapRoutes: Route[] = [
  {
    path: '',
    providers: [
      provideNzIconsPatch([ArrowLeftOutline, DownloadOutline, EditOutline, FileImageOutline, PlusOutline, PrinterOutline]),
      provideEchartsCore({ echarts: () => import('./echarts-setup') }),
    ],
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./list/chain-map-list-page').then((m) => m.ChainMapListPage) },
      { path: ':code/:year', loadComponent: () => import('./map/chain-map-page').then((m) => m.ChainMapPage) },
    ],
  },
];
