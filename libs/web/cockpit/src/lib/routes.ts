import type { Route } from '@angular/router';
import {
  ArrowLeftOutline,
  BellOutline,
  PrinterOutline,
  ReloadOutline,
  SettingOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { provideEchartsCore } from 'ngx-echarts';
import { CityCockpitPage } from './city/city-cockpit-page';

/**
 * Lazy-loaded at /cockpit by the shell. The city cockpit, a leader's home, comes with the routes
 * (one round trip less on a slow phone than a lazy page inside a lazy feature); a chain's page is
 * lazy. ECharts comes in through a dynamic import of its own: the pages show their figures first,
 * and the charts draw when that chunk arrives.
 */
export const cockpitRoutes: Route[] = [
  {
    path: '',
    providers: [
      provideNzIconsPatch([
        ArrowLeftOutline,
        BellOutline,
        PrinterOutline,
        ReloadOutline,
        SettingOutline,
      ]),
      provideEchartsCore({ echarts: () => import('./charts/echarts-setup') }),
    ],
    children: [
      {
        path: '',
        title: 'menu.cockpit',
        component: CityCockpitPage,
      },
      {
        path: 'chains/:code',
        title: 'title.chainCockpit',
        loadComponent: () =>
          import('./chain/chain-leader-page').then((m) => m.ChainLeaderPage),
      },
    ],
  },
];
