import { Route } from '@angular/router';
import { DeleteOutline, DownloadOutline, EditOutline, PlusOutline, UploadOutline } from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { unsavedChangesGuard } from '@crm/web/ui';

/**
 * Lazy-loaded at /plan by the shell: 年度工作方案 (the years, one year's editor), 人员与单位 and
 * 往年实绩. Fixed paths come before /plan/:year.
 */
export const planRoutes: Route[] = [
  {
    path: '',
    title: 'menu.plan',
    providers: [provideNzIconsPatch([DeleteOutline, DownloadOutline, EditOutline, PlusOutline, UploadOutline])],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./list/plan-list-page').then((m) => m.PlanListPage),
      },
      {
        path: 'roles',
        title: 'title.planRoles',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./roles/plan-roles-page').then((m) => m.PlanRolesPage),
      },
      {
        path: 'baselines',
        title: 'title.planBaselines',
        loadComponent: () => import('./baselines/plan-baselines-page').then((m) => m.PlanBaselinesPage),
      },
      {
        path: ':year',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./editor/plan-editor-page').then((m) => m.PlanEditorPage),
      },
    ],
  },
];
