import type { ChainTargetView, ChainView, Wan } from '@crm/domain';
import { sumDecimals } from '@crm/web/ui';

/** The latest year any chain has targets for (the plan's current year), or null. */
export function latestTargetYear(chains: readonly ChainView[]): number | null {
  const years = chains.flatMap((chain) => chain.targets.map((t) => t.year));
  return years.length ? Math.max(...years) : null;
}

export function targetFor(
  chain: ChainView,
  year: number | null,
): ChainTargetView | undefined {
  return chain.targets.find((target) => target.year === year);
}

/** 全市目标: the chains' targets for one year added up exactly, in 万元. */
export interface CityTargets {
  year: number;
  signedAmount: Wan;
  fundsInPlace: Wan;
}

export function cityTargets(
  chains: readonly ChainView[],
  year: number,
): CityTargets {
  const targets = chains
    .map((chain) => targetFor(chain, year))
    .filter((target): target is ChainTargetView => target !== undefined);
  return {
    year,
    signedAmount: sumDecimals(targets.map((t) => t.signedAmount)),
    fundsInPlace: sumDecimals(targets.map((t) => t.fundsInPlace)),
  };
}
