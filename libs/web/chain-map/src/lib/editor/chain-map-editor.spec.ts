import { chainMapProblems } from '@crm/domain';
import { mapView } from '../testing/render';
import { inputOf, rowsOf } from './chain-map-editor';

describe('the map editor’s document', () => {
  it('round-trips a map: ids kept, sub-links naming their parent, a strong link sent without a kind', () => {
    const rows = rowsOf(mapView());
    expect(rows.map((r) => [r.id, r.name, r.parent])).toEqual([
      [1, '电源建设', null],
      [2, '风电装备制造', null],
      [3, '叶片制造', '风电装备制造'],
      [4, '氢能', null],
    ]);
    rows[0].kind = 'fill';
    rows[1].targets.push({ name: '  ', tags: [], note: '' });
    const input = inputOf(3, rows);
    expect(input.version).toBe(3);
    expect(input.links[0]).toMatchObject({ id: 1, kind: null, firmIds: ['e1'], sourceQuote: '加快建设电源项目', draft: true });
    expect(input.links[1].targets).toEqual([{ name: '东方电气集团有限公司', tags: ['central-soe', 'fortune-500'], note: '对接中' }]);
    expect(input.links[2].parent).toBe('风电装备制造');
  });

  it('finds, before sending, a link in two places and a target that is already a local firm', () => {
    const rows = rowsOf(mapView());
    rows[3].name = '风电 装备制造';
    rows[0].targets.push({ name: '中国华电集团有限公司格尔木分公司', tags: [], note: '' });
    const problems = chainMapProblems(inputOf(3, rows).links, (id) => (id === 'e1' ? '中国华电集团有限公司格尔木分公司' : undefined));
    expect(problems.map((p) => p.field)).toEqual(['links.3.name', 'links.0.targets.0.name']);
  });
});
