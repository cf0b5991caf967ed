import type { EnterpriseView, PersonView, UnitView } from '@crm/domain';
import type { Enterprise } from './enterprises/enterprise.entity';
import type { Person } from './people/person.entity';
import type { Unit } from './units/unit.entity';

/** Entity → API view, one function per entity, shared by every controller of the area. */
export function toPersonView(person: Person): PersonView {
  return { id: person.id, name: person.name, position: person.position };
}

export function toUnitView(unit: Unit): UnitView {
  return {
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    aliases: (unit.aliases ?? []).map((a) => a.alias).sort(),
  };
}

export function toEnterpriseView(firm: Enterprise): EnterpriseView {
  return {
    id: firm.id,
    name: firm.name,
    creditCode: firm.creditCode,
    ownership: firm.ownership,
    tags: firm.tags,
    region: firm.region,
    parentEnterpriseId: firm.parentEnterpriseId,
    mergedIntoId: firm.mergedIntoId,
    version: firm.version,
    createdAt: firm.createdAt.toISOString(),
    updatedAt: firm.updatedAt.toISOString(),
  };
}
