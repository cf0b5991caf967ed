import { Route } from '@angular/router';
import {
  EyeInvisibleOutline,
  EyeOutline,
  LockOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { ChangePasswordPage } from './change-password/change-password-page';

const passwordIcons = provideNzIconsPatch([
  EyeInvisibleOutline,
  EyeOutline,
  LockOutline,
]);

/** Lazy-loaded at /account by the shell, inside the layout. */
export const accountRoutes: Route[] = [
  {
    path: '',
    providers: [passwordIcons],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'password' },
      { path: 'password', title: 'layout.changePassword', component: ChangePasswordPage },
    ],
  },
];
