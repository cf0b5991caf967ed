import type { Route } from '@angular/router';
import {
  CheckCircleFill,
  CheckCircleOutline,
  CheckOutline,
  CloseCircleFill,
  CloseCircleOutline,
  CloseOutline,
  DownloadOutline,
  ExclamationCircleFill,
  ExclamationCircleOutline,
  InboxOutline,
  InfoCircleFill,
  InfoCircleOutline,
  LeftOutline,
  LoadingOutline,
  RightOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';

const ICONS = [
  CheckCircleFill,
  CheckCircleOutline,
  CheckOutline,
  CloseCircleFill,
  CloseCircleOutline,
  CloseOutline,
  DownloadOutline,
  ExclamationCircleFill,
  ExclamationCircleOutline,
  InboxOutline,
  InfoCircleFill,
  InfoCircleOutline,
  LeftOutline,
  LoadingOutline,
  RightOutline,
];

/** Lazy-loaded at /ledger by the shell (staff, office, admin): 台账导入导出, a chunk of its own. */
export const ledgerIoRoutes: Route[] = [
  {
    path: '',
    title: 'menu.ledger',
    providers: [provideNzIconsPatch(ICONS)],
    loadComponent: () => import('./import/ledger-import-page').then((m) => m.LedgerImportPage),
  },
];
