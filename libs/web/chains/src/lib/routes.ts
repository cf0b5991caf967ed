import { Route } from '@angular/router';
import {
  ArrowLeftOutline,
  ReloadOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { ChainDetailPage } from './detail/chain-detail-page';
import { ChainOverviewPage } from './overview/chain-overview-page';

/** Lazy-loaded at /chains by the shell. */
export const chainsRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch([ArrowLeftOutline, ReloadOutline])],
    children: [
      { path: '', title: 'menu.chains', component: ChainOverviewPage },
      { path: ':code', title: 'title.chain', component: ChainDetailPage },
    ],
  },
];
