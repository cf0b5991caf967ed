import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  auditChanges,
  auditEntityLabel,
  auditFieldLabel,
  formatAuditValue,
} from '@crm/domain';
import { auditedWrites, type AuditedWrite } from '../test/audited-writes';

const HAN = /\p{Script=Han}/u;

/**
 * Every entity type the API writes to the audit and every field of its before/after objects has a
 * Chinese name in the registry of @crm/domain (issue 17 §7). The types and fields are read from
 * the API's source (every AuditService.record call, through the TypeScript checker), so a new
 * record or field without a name fails here.
 */
describe('audit labels', () => {
  let writes: AuditedWrite[];

  beforeAll(() => {
    writes = auditedWrites();
  }, 120_000);

  it('finds the audited writes of every area', () => {
    const areas = new Set(writes.map((w) => w.at.split('/')[2]));
    // The reader would silently find nothing if the call shape changed: it must see each area.
    for (const area of ['auth', 'pipeline', 'plan', 'meetings', 'reporting', 'cockpit', 'reference']) {
      expect(areas).toContain(area);
    }
    expect(writes.length).toBeGreaterThan(30);
    // Entity types passed through variables are followed to their literals.
    const all = new Set(writes.flatMap((w) => w.entityTypes));
    for (const type of ['chain_leader', 'chain_unit', 'chain_target', 'key_task', 'sector_growth_target', 'person', 'project', 'user']) {
      expect(all).toContain(type);
    }
  });

  it('reads every entity type and every field statically (none untyped)', () => {
    const unreadable = writes.filter((w) => w.unknown.length).map((w) => `${w.at}: ${w.unknown.join(', ')}`);
    expect(unreadable).toEqual([]);
  });

  it('names every entity type the API writes, in Chinese and English', () => {
    const missing = writes.flatMap((w) => w.entityTypes.filter((t) => !AUDIT_ENTITY_LABELS[t]).map((t) => `${t} (${w.at})`));
    expect(missing).toEqual([]);
    for (const label of Object.values(AUDIT_ENTITY_LABELS)) {
      expect(label.zh).toMatch(HAN);
      expect(label.en).toMatch(/^[A-Z][A-Za-z -]+$/);
    }
  });

  it('names every field of every audited before/after, in Chinese', () => {
    const missing: string[] = [];
    for (const w of writes) {
      for (const type of w.entityTypes) {
        for (const field of w.fields) {
          const label = auditFieldLabel(type, field);
          if (!label || !HAN.test(label.zh) || !label.en) missing.push(`${type}.${field} (${w.at})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every action', () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[action].zh).toMatch(HAN);
  });

  it('fails for a type or field the registry does not know (the check can fail)', () => {
    expect(AUDIT_ENTITY_LABELS['no_such_record']).toBeUndefined();
    expect(auditFieldLabel('project', 'noSuchField')).toBeNull();
    expect(auditEntityLabel('no_such_record')).toEqual({ zh: 'no_such_record', en: 'no_such_record' });
  });

  describe('values in words', () => {
    it('stages by name, amounts in 万元 from decimal strings, dates yyyy-MM-dd, booleans 是/否', () => {
      const changes = auditChanges(
        'project',
        { stage: 'lead', plannedInvestment: '1234567.500000', major: false, landApprovedOn: null },
        { stage: 'negotiation', plannedInvestment: '30000000000000.123456', major: true, landApprovedOn: '2026-03-05' },
      );
      expect(changes).toEqual([
        { field: 'stage', label: '阶段', labelEn: 'Stage', before: '信息收集', after: '对接洽谈' },
        {
          field: 'plannedInvestment',
          label: '计划总投资',
          labelEn: 'Planned investment',
          before: '1,234,567.5万元',
          // No float on the way: every digit kept.
          after: '30,000,000,000,000.123456万元',
        },
        { field: 'major', label: '重大项目', labelEn: 'Major project', before: '否', after: '是' },
        { field: 'landApprovedOn', label: '供地日期', labelEn: 'Land approved on', before: '（空）', after: '2026-03-05' },
      ]);
    });

    it('instants on their Shanghai day and time; ids by the names the API found', () => {
      const lockedUntil = auditFieldLabel('user', 'lockedUntil');
      expect(lockedUntil && formatAuditValue(lockedUntil, '2026-01-31T16:30:00.000Z')).toBe('2026-02-01 00:30');
      const unit = auditFieldLabel('user', 'unitId');
      expect(unit && formatAuditValue(unit, 7, { unit: { '7': '市能源局' } })).toBe('市能源局');
      const roles = auditFieldLabel('user', 'roles');
      expect(roles && formatAuditValue(roles, ['office', 'staff'])).toBe('领导小组办公室、专班工作人员');
      const chains = auditFieldLabel('meeting', 'chains');
      expect(chains && formatAuditValue(chains, ['clean-energy'], { chain: { 'clean-energy': '清洁能源产业链' } })).toBe('清洁能源产业链');
    });

    it('leaves out ids, row timestamps and a creation\'s empty fields, and marks a side that has no value', () => {
      const changes = auditChanges('enterprise', null, { id: 'x', name: '某公司', createdAt: '2026-01-01T00:00:00Z', region: null, tags: [] });
      expect(changes).toEqual([{ field: 'name', label: '企业名称', labelEn: 'Name', before: null, after: '某公司' }]);
    });
  });
});
