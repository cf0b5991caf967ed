import type { AnnualPlanView, PlanDifference } from '@crm/domain';

type Line = Omit<PlanDifference, 'before' | 'after'> & { value: string | null };

/**
 * What changed from one year's plan to another's, line by line: city totals, each chain's
 * targets, sector growth, key tasks (matched by chain and number; text, units, milestones, goals).
 */
export function diffPlans(before: AnnualPlanView | null, after: AnnualPlanView): PlanDifference[] {
  const a = new Map(lines(before).map((l) => [key(l), l]));
  const b = new Map(lines(after).map((l) => [key(l), l]));
  const out: PlanDifference[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    const base = (y ?? x) as Line;
    if ((x?.value ?? null) !== (y?.value ?? null)) {
      out.push({ area: base.area, subject: base.subject, field: base.field, before: x?.value ?? null, after: y?.value ?? null });
    }
  }
  return out;
}

function key(l: Line): string {
  return `${l.area}|${l.subject}|${l.field}`;
}

function lines(plan: AnnualPlanView | null): Line[] {
  if (!plan) return [];
  const out: Line[] = [
    { area: 'city', subject: 'city', field: 'citySignedAmount', value: amount(plan.citySignedAmount, plan.citySignedAtLeast) },
    { area: 'city', subject: 'city', field: 'cityFundsInPlace', value: amount(plan.cityFundsInPlace, plan.cityFundsAtLeast) },
  ];
  for (const t of plan.targets) {
    out.push(
      { area: 'target', subject: t.chainCode, field: 'signedAmount', value: amount(t.signedAmount, t.signedAtLeast) },
      { area: 'target', subject: t.chainCode, field: 'fundsInPlace', value: amount(t.fundsInPlace, t.fundsAtLeast) },
      {
        area: 'target',
        subject: t.chainCode,
        field: 'bigProjects',
        value: `${trim(t.bigProjectThreshold)} × ${t.bigProjectMinCount}${t.bigProjectAtLeast ? '+' : ''}`,
      },
    );
  }
  for (const g of plan.sectorGrowth) {
    out.push({ area: 'sector', subject: g.sector, field: 'growthRate', value: `${trim(g.growthRate)}%` });
  }
  for (const k of plan.keyTasks) {
    const subject = `${k.chainCode}#${k.seq}`;
    out.push(
      { area: 'key-task', subject, field: 'text', value: k.text },
      { area: 'key-task', subject, field: 'units', value: k.units.map((u) => u.name).join('、') },
      {
        area: 'key-task',
        subject,
        field: 'milestones',
        value: k.milestones.map((m) => `${m.projectName}→${m.targetStage}`).join('；'),
      },
      {
        area: 'key-task',
        subject,
        field: 'goals',
        value: k.goals.map((g) => `${g.label} ${trim(g.target)}${g.measureUnit}`).join('；'),
      },
    );
  }
  return out;
}

function amount(value: string | null, atLeast: boolean): string | null {
  return value === null ? null : `${trim(value)}${atLeast ? '+' : ''}`;
}

function trim(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
