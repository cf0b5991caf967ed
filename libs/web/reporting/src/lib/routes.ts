import { inject } from '@angular/core';
import type { CanMatchFn, Route } from '@angular/router';
import {
  BellOutline,
  CheckOutline,
  DownloadOutline,
  EditOutline,
  FileExcelOutline,
  FileTextOutline,
  FileWordOutline,
  LeftOutline,
  LockOutline,
  ReloadOutline,
  RightOutline,
  SyncOutline,
} from '@ant-design/icons-angular/icons';
import { AuthService } from '@crm/web/core';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { unsavedChangesGuard } from '@crm/web/ui';

const ICONS = [
  BellOutline,
  CheckOutline,
  DownloadOutline,
  EditOutline,
  FileExcelOutline,
  FileTextOutline,
  FileWordOutline,
  LeftOutline,
  LockOutline,
  ReloadOutline,
  RightOutline,
  SyncOutline,
];

/**
 * The office (and admins and leaders, who read) see the submission board at /reports; a unit's
 * staff fill in its report there. Someone who is both gets the board at /reports and their own
 * unit's report at /reports/:period (where a notification's link leads).
 */
const seesBoard: CanMatchFn = async () => {
  const auth = inject(AuthService);
  await auth.ensureLoaded();
  return auth.hasRole('office', 'admin', 'leader');
};

const seesOnlyBoard: CanMatchFn = async () => {
  const auth = inject(AuthService);
  await auth.ensureLoaded();
  return auth.hasRole('office', 'admin', 'leader') && !auth.hasRole('staff');
};

const board = () =>
  import('./board/submission-board-page').then((m) => m.SubmissionBoardPage);
const form = () =>
  import('./report/monthly-report-page').then((m) => m.MonthlyReportPage);

/** Lazy-loaded at /reports by the shell: 月度报送 (staff) or 报送情况 (office, admin). */
export const monthlyReportRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch(ICONS)],
    children: [
      { path: '', pathMatch: 'full', canMatch: [seesBoard], title: 'title.submissionBoard', loadComponent: board },
      { path: '', pathMatch: 'full', canDeactivate: [unsavedChangesGuard], title: 'menu.reports', loadComponent: form },
      { path: ':period', canMatch: [seesOnlyBoard], title: 'title.submissionBoard', loadComponent: board },
      { path: ':period', canDeactivate: [unsavedChangesGuard], title: 'menu.reports', loadComponent: form },
    ],
  },
];

/** Lazy-loaded at /roll-ups by the shell (office, leaders, admins): 月度汇总报告. */
export const rollUpRoutes: Route[] = [
  {
    path: '',
    title: 'menu.rollUp',
    providers: [provideNzIconsPatch(ICONS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./roll-up/roll-up-page').then((m) => m.RollUpPage),
      },
      {
        path: ':period',
        loadComponent: () => import('./roll-up/roll-up-page').then((m) => m.RollUpPage),
      },
    ],
  },
];

/** Lazy-loaded at /bulletins by the shell (everyone signed in): 月通报, the published roll-ups, read-only. */
export const bulletinRoutes: Route[] = [
  {
    path: '',
    title: 'menu.bulletins',
    providers: [provideNzIconsPatch(ICONS)],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./bulletin/bulletin-page').then((m) => m.BulletinPage),
      },
      {
        path: ':id',
        loadComponent: () => import('./bulletin/bulletin-page').then((m) => m.BulletinPage),
      },
    ],
  },
];
