import type { Role, Sector } from '@crm/domain';
import type { MessageKey } from './zh-CN';

/** The i18n keys of the domain's names, `{{ roleLabelKey(role) | t }}`. The i18n key of a role's name: `{{ roleLabelKey(role) | t }}`. */
export function roleLabelKey(role: Role): MessageKey {
  return `role.${role}`;
}

/** The i18n key of a sector's name (特色农牧业 / 制造业 / 现代服务业). */
export function sectorKey(sector: Sector): MessageKey {
  return `plan.sector.${sector}`;
}
