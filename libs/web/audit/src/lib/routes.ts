import { Route } from '@angular/router';
import { ReloadOutline, UndoOutline } from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { AuditLogPage } from './log/audit-log-page';

/** Lazy-loaded at /audit by the shell, for the office and admins (roleGuard). */
export const auditRoutes: Route[] = [
  {
    path: '',
    title: 'menu.audit',
    providers: [provideNzIconsPatch([ReloadOutline, UndoOutline])],
    component: AuditLogPage,
  },
];
