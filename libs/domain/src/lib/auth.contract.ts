import type { ChainCode } from './chain';
import type { Role } from './role';

/** The signed-in user as the web app sees it (GET /api/auth/me). */
export interface CurrentUserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unit: { id: number; name: string } | null;
  person: { id: number; name: string } | null;
  /** The chains this user may read: all for office and admin. */
  chainCodes: ChainCode[];
  /** The chains whose projects this user may edit: those their unit serves, for staff only. */
  editableChainCodes: ChainCode[];
  mustChangePassword: boolean;
  /**
   * The API's clock when it answered (ISO instant): the web app's "today" follows it, so a staging
   * instance run at a set clock (CLOCK_START_AT) shows the same day on every screen. Absent from
   * older answers.
   */
  serverTime?: string;
}

export interface SignInInput {
  username: string;
  password: string;
  /**
   * 记住此设备: for a leader, a session that lasts SESSION_REMEMBER_DAYS after sign-in however idle
   * (ignored for other roles, who keep the idle timeout).
   */
  remember?: boolean;
}

/** GET /api/auth/remembered-devices: the signed-in user's remembered sessions (记住的设备). */
export interface RememberedDeviceView {
  /** A public id (never the session's token or its hash). */
  id: string;
  /** The browser and system it was signed in from, as the browser named itself. */
  device: string;
  signedInAt: string;
  lastSeenAt: string;
  /** It ends then at the latest. */
  expiresAt: string;
  /** The session of this request. */
  current: boolean;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** A user as the admin page lists it. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  personId: number | null;
  active: boolean;
  lockedUntil: string | null;
  /** Send it back with an edit: a stale one gets 409. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserInput {
  username: string;
  displayName: string;
  roles: Role[];
  unitId?: number | null;
  personId?: number | null;
  password?: string;
  active?: boolean;
}

/** One row of the audit trail: who changed what, when, before and after. */
export interface AuditEntryView {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  projectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'stage-move',
  'sign-in',
  'lock',
  // 联系人 (个人信息保护法): a mobile shown, contacts exported, a person anonymised on request.
  'reveal',
  'export',
  'anonymise',
  // 重复企业: a merge and the admin's undo.
  'merge',
  'undo',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Minimum length of a password; checked by the API and explained by the form. */
export const PASSWORD_MIN_LENGTH = 12;
