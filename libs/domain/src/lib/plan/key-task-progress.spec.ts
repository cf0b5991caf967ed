import { goalProgress, milestoneState, stageCommittedBy, yearPace } from './key-task-progress';

describe('key-task milestones against the year', () => {
  it('reads the pace of the year by month', () => {
    expect(yearPace(0)).toBe(0);
    expect(yearPace(6)).toBe(0.5);
    expect(yearPace(12)).toBe(1);
    expect(yearPace(15)).toBe(1);
  });

  it('is done once the project reaches the target stage, whatever the month', () => {
    expect(milestoneState({ stage: 'production', status: 'active' }, 'production', 1)).toBe('done');
    expect(milestoneState({ stage: 'production', status: 'paused' }, 'construction', 12)).toBe('done');
  });

  it('is on track while the stages covered keep up with the pace, behind after', () => {
    // 项目签约 is 4 of 7 stages towards 竣工投产: on track through June (4/7 ≥ 6/12), behind from July.
    expect(milestoneState({ stage: 'signed', status: 'active' }, 'production', 6)).toBe('on-track');
    expect(milestoneState({ stage: 'signed', status: 'active' }, 'production', 7)).toBe('behind');
  });

  it('is behind for a dropped project or one not yet linked', () => {
    expect(milestoneState({ stage: 'construction', status: 'dropped' }, 'production', 1)).toBe('behind');
    expect(milestoneState(null, 'signed', 1)).toBe('behind');
  });

  it('measures goals by their achieved share against the pace', () => {
    expect(goalProgress('4000', '4000', 3)).toEqual({ rate: '100.00', state: 'done' });
    expect(goalProgress('2000', '4000', 6)).toEqual({ rate: '50.00', state: 'on-track' });
    expect(goalProgress('1999', '4000', 6)).toEqual({ rate: '49.98', state: 'behind' });
    expect(goalProgress('5', '0', 6)).toEqual({ rate: '0.00', state: 'behind' });
  });

  it('reads the committed stage from the plan wording', () => {
    expect(stageCommittedBy('年内建成')).toBe('production');
    expect(stageCommittedBy('开工建设')).toBe('construction');
    expect(stageCommittedBy('力争落地实施')).toBe('signed');
    expect(stageCommittedBy('加大对接力度')).toBe('negotiation');
    expect(stageCommittedBy('谋划')).toBe('lead');
  });
});
