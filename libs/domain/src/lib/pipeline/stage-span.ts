import { STAGES, type Stage } from '../stage';

/** One stretch of time a project spent in a stage. */
export interface StageSpan {
  stage: Stage;
  enteredAt: string;
  /** null while the project is still there. */
  leftAt: string | null;
  days: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Time in stage from the move history (oldest first; the first entry is the project's creation in
 * its first stage). A stage entered twice (after a move back) has two spans.
 */
export function stageSpans(moves: { to: Stage; at: string }[], now: Date = new Date()): StageSpan[] {
  return moves.map((move, i) => {
    const next = moves[i + 1];
    const end = next ? new Date(next.at) : now;
    const days = Math.max(0, end.getTime() - new Date(move.at).getTime()) / DAY_MS;
    return { stage: move.to, enteredAt: move.at, leftAt: next?.at ?? null, days: Math.round(days * 10) / 10 };
  });
}

/** Total days per stage over all its spans. */
export function daysPerStage(spans: StageSpan[]): Record<Stage, number> {
  const totals = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const span of spans) totals[span.stage] = Math.round((totals[span.stage] + span.days) * 10) / 10;
  return totals;
}
