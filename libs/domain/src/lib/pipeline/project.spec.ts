import { statusChangeProblems } from './project';

describe('project status changes', () => {
  it('needs a reason to pause or drop, none to resume', () => {
    expect(statusChangeProblems('active', 'dropped', '投资方撤资').length).toBe(0);
    expect(statusChangeProblems('active', 'dropped', ' ').map((p) => p.field)).toEqual(['reason']);
    expect(statusChangeProblems('active', 'paused', null).map((p) => p.field)).toEqual(['reason']);
    expect(statusChangeProblems('dropped', 'active', null)).toEqual([]);
    expect(statusChangeProblems('paused', 'paused', 'x').map((p) => p.field)).toEqual(['status']);
  });
});
