import { Route } from '@angular/router';
import {
  CopyOutline,
  PlusOutline,
  ReloadOutline,
  SearchOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { unsavedChangesGuard } from '@crm/web/ui';
import { UsersPage } from './list/users-page';

/** Lazy-loaded at /users by the shell, for admins only (roleGuard). */
export const usersRoutes: Route[] = [
  {
    path: '',
    title: 'menu.users',
    providers: [
      provideNzIconsPatch([
        CopyOutline,
        PlusOutline,
        ReloadOutline,
        SearchOutline,
      ]),
    ],
    canDeactivate: [unsavedChangesGuard],
    component: UsersPage,
  },
];
