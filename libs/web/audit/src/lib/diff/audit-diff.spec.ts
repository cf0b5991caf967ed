import { auditDiff } from './audit-diff';

describe('auditDiff', () => {
  it('puts the changed fields of an update side by side', () => {
    expect(
      auditDiff(
        { displayName: '张三', roles: ['staff'] },
        { displayName: '张三丰', roles: ['staff', 'leader'] },
      ),
    ).toEqual([
      { field: 'displayName', before: '"张三"', after: '"张三丰"', changed: true },
      {
        field: 'roles',
        before: '["staff"]',
        after: '["staff","leader"]',
        changed: true,
      },
    ]);
  });

  it('shows a creation as fields with no before, and keeps unchanged ones unmarked', () => {
    const rows = auditDiff({ active: true }, { username: 'lisi', active: true });
    expect(rows).toEqual([
      { field: 'username', before: null, after: '"lisi"', changed: true },
      { field: 'active', before: 'true', after: 'true', changed: false },
    ]);
  });

  it('lists fields only the before has, and copes with no record at all', () => {
    expect(auditDiff({ lockedUntil: null }, {})).toEqual([
      { field: 'lockedUntil', before: 'null', after: null, changed: true },
    ]);
    expect(auditDiff(null, null)).toEqual([]);
  });

  it('breaks long objects over lines', () => {
    const [row] = auditDiff(null, {
      address: { city: '格尔木市', district: '昆仑经济技术开发区', street: '黄河路', postcode: '816000' },
    });
    expect(row.after).toContain('\n');
  });
});
