import { STAGES, type Stage } from '../stage';
import type { MilestoneState } from './plan.contract';

/**
 * How far through the year a month's end is, as the cockpit's even pace reads it (序时进度):
 * month m of 12.
 */
export function yearPace(month: number): number {
  return Math.min(Math.max(month, 0), 12) / 12;
}

/**
 * A milestone's state at a month's end: done once the project has reached the target stage;
 * otherwise on track while the stages it has covered keep up with the year's pace (a project at
 * 项目签约 aiming for 竣工投产 has covered 4 of 7 stages), behind when they do not, when the
 * project is dropped, or when no project has been linked to the named one yet.
 */
export function milestoneState(
  current: { stage: Stage; status: 'active' | 'paused' | 'dropped' } | null,
  target: Stage,
  month: number,
): MilestoneState {
  if (!current || current.status === 'dropped') return 'behind';
  const reached = STAGES.indexOf(current.stage) + 1;
  const needed = STAGES.indexOf(target) + 1;
  if (reached >= needed) return 'done';
  return reached / needed >= yearPace(month) ? 'on-track' : 'behind';
}

/** A measurable goal's rate (percent, two decimals) and state against the year's pace. */
export function goalProgress(achieved: string, target: string, month: number): { rate: string; state: MilestoneState } {
  const a = Number(achieved);
  const t = Number(target);
  if (!(t > 0)) return { rate: '0.00', state: 'behind' };
  const share = a / t;
  const rate = (Math.round(share * 10000) / 100).toFixed(2);
  if (share >= 1) return { rate, state: 'done' };
  return { rate, state: share >= yearPace(month) ? 'on-track' : 'behind' };
}

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  done: '已完成',
  'on-track': '按序时推进',
  behind: '滞后',
};

/**
 * The stage a key task's wording commits a project to by year end (BRIEF §6, made explicit):
 * 建成 / 年内建成 / 竣工 → 竣工投产; 开工 / 开工建设 → 项目开工; 供地 → 项目供地; 签约 / 落地 →
 * 项目签约; 对接 / 意向 / 实质进展 → 项目评估 is not promised, so 对接洽谈; 谋划 → 信息收集.
 */
export function stageCommittedBy(wording: string): Stage {
  if (/建成|竣工|投产/.test(wording)) return 'production';
  if (/开工/.test(wording)) return 'construction';
  if (/供地/.test(wording)) return 'land';
  if (/签约|落地/.test(wording)) return 'signed';
  if (/评估/.test(wording)) return 'evaluation';
  if (/对接|意向|洽谈|实质进展|衔接/.test(wording)) return 'negotiation';
  return 'lead';
}
