export { AuthModule } from './lib/auth.module';
export { hashPassword } from './lib/sign-in/password-hasher';
export { FirstAdmin } from './lib/users/first-admin';
export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './lib/sessions/session-cookies';
