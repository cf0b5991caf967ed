import { canMoveActionItem, isActionItemOverdue } from './meetings.contract';

describe('action item rules', () => {
  it('moves forward only, and done is final', () => {
    expect(canMoveActionItem('open', 'in-progress')).toBe(true);
    expect(canMoveActionItem('open', 'done')).toBe(true);
    expect(canMoveActionItem('in-progress', 'done')).toBe(true);
    expect(canMoveActionItem('in-progress', 'open')).toBe(false);
    expect(canMoveActionItem('done', 'open')).toBe(false);
    expect(canMoveActionItem('open', 'open')).toBe(false);
  });

  it('is overdue from the day after its due date until done', () => {
    expect(isActionItemOverdue({ status: 'open', dueOn: '2025-03-10' }, '2025-03-10')).toBe(false);
    expect(isActionItemOverdue({ status: 'in-progress', dueOn: '2025-03-10' }, '2025-03-11')).toBe(true);
    expect(isActionItemOverdue({ status: 'done', dueOn: '2025-03-10' }, '2025-04-01')).toBe(false);
  });
});
