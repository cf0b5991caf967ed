/** Where the sign-in page lives; it sits outside the layout. */
export const SIGN_IN_URL = '/login';
/** The page a user is held on while their password must be changed. */
export const CHANGE_PASSWORD_URL = '/account/password';
import type { Role } from '@crm/domain';

/** Every role may read the chain overview, so it is where a signed-in user lands by default. */
export const HOME_URL = '/chains';
/** Where leaders land: the figures first (the cockpit), not the overview's text. */
export const LEADER_HOME_URL = '/cockpit';

/** The landing page for these roles: leaders the cockpit, everyone else the chain overview. */
export function homeFor(roles: readonly Role[]): string {
  return roles.includes('leader') ? LEADER_HOME_URL : HOME_URL;
}
/** Shown when a role may not open a page (instead of bouncing between pages). */
export const FORBIDDEN_URL = '/forbidden';

/**
 * The return URL from a query parameter, if it is a path of this app: never another origin
 * (`//evil.example`, `https:…`) and never the sign-in page itself.
 */
export function safeReturnUrl(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\') ||
    value === SIGN_IN_URL ||
    value.startsWith(`${SIGN_IN_URL}?`) ||
    value.startsWith(`${SIGN_IN_URL}/`)
  ) {
    return HOME_URL;
  }
  return value;
}
