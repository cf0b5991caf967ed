import { daysPerStage, stageSpans } from './stage-span';

describe('time in stage', () => {
  it('measures each span from the history, a re-entered stage twice', () => {
    const spans = stageSpans(
      [
        { to: 'lead', at: '2025-01-01T00:00:00Z' },
        { to: 'negotiation', at: '2025-01-11T00:00:00Z' },
        { to: 'lead', at: '2025-01-16T00:00:00Z' },
        { to: 'negotiation', at: '2025-01-18T12:00:00Z' },
      ],
      new Date('2025-01-20T12:00:00Z'),
    );
    expect(spans.map((s) => [s.stage, s.days])).toEqual([
      ['lead', 10],
      ['negotiation', 5],
      ['lead', 2.5],
      ['negotiation', 2],
    ]);
    expect(spans[3].leftAt).toBeNull();
    const totals = daysPerStage(spans);
    expect([totals.lead, totals.negotiation, totals.signed]).toEqual([12.5, 7, 0]);
  });
});
