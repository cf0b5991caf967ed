import type { Role } from '@crm/domain';
import type { MessageKey } from './zh-CN';

/** The i18n key of a role's name: `{{ roleLabelKey(role) | t }}`. */
export function roleLabelKey(role: Role): MessageKey {
  return `role.${role}`;
}
