import type { AuthUser } from '@crm/api/core';
import type { EntityManager } from 'typeorm';

/**
 * How the files area learns who may see and change a record's files: the same people as the record
 * itself. Each area that owns records with files (the pipeline's projects, pre-review opinions,
 * 要素保障 answers …) registers its owner type once; the files area never knows what a record is.
 *
 * ```ts
 * registerFileOwner('project', {
 *   canRead: async (manager, user, id) => …,   // false → the record and its files do not exist for them (404)
 *   canWrite: async (manager, user, id) => …,  // asked only after canRead; false → 403
 * });
 * ```
 * Call it at the top level of a file your Nest module imports (it runs once, before any request).
 * Both checks run in the request's transaction (upload and delete lock the file rows first).
 */
export interface FileOwnerAccess {
  /** May this user read the record? An id that is not a record of this type must answer false, not throw. */
  canRead(manager: EntityManager, user: AuthUser, ownerId: string): Promise<boolean>;
  /** May this user add files to the record and remove them? */
  canWrite(manager: EntityManager, user: AuthUser, ownerId: string): Promise<boolean>;
  /** The project the record belongs to, so the audit's project filter finds its files. */
  projectOf?(manager: EntityManager, ownerId: string): Promise<string | null>;
}

/** An owner type as stored and sent: lower-case words joined by _ or -, e.g. project, pre_review_opinion. */
export const FILE_OWNER_TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

const owners = new Map<string, FileOwnerAccess>();

/** Registers how to check access to the records of `ownerType`. Registering the same type twice with other checks is a mistake and throws. */
export function registerFileOwner(ownerType: string, access: FileOwnerAccess): void {
  if (!FILE_OWNER_TYPE_PATTERN.test(ownerType)) throw new Error(`Bad file owner type "${ownerType}": use ${FILE_OWNER_TYPE_PATTERN}`);
  const known = owners.get(ownerType);
  if (known && known !== access) throw new Error(`File owner type "${ownerType}" is already registered`);
  owners.set(ownerType, access);
}

/** The access checks of an owner type, or undefined when no area registered it. */
export function fileOwnerAccess(ownerType: string): FileOwnerAccess | undefined {
  return owners.get(ownerType);
}

/** Every registered owner type. */
export function fileOwnerTypes(): string[] {
  return [...owners.keys()].sort();
}
