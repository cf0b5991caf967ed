import { Route } from '@angular/router';
import {
  CloseCircleFill,
  EyeInvisibleOutline,
  EyeOutline,
  LockOutline,
} from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { SignInPage } from './sign-in/sign-in-page';

/**
 * /login, outside the layout. Part of the initial download (issue 19 §2): a visitor on a slow
 * phone sees the form as soon as the app starts, without waiting for another chunk and the chunks
 * it imports, one round trip after another.
 */
export const signInRoute: Omit<Route, 'path' | 'canActivate'> = {
  title: 'title.signIn',
  providers: [provideNzIconsPatch([CloseCircleFill, EyeInvisibleOutline, EyeOutline, LockOutline])],
  component: SignInPage,
};
