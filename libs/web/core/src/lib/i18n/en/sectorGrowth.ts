import type { texts as zhCN } from '../zh-CN/sectorGrowth';

/** English texts sectorGrowth.*: the type makes a key missing from or added to the Chinese ones a compile error. */
export const texts: Record<keyof typeof zhCN, string> = {
  'sectorGrowth.title': 'Funds in place by sector, year on year (Jan–{month})',
  'sectorGrowth.sector': 'Sector',
  'sectorGrowth.thisYear': 'This year',
  'sectorGrowth.lastYear': 'Last year',
  'sectorGrowth.rate': 'Change',
  'sectorGrowth.target': 'Target',
  'sectorGrowth.targetRate': '+{rate}%',
  'sectorGrowth.met': 'Met',
  'sectorGrowth.notMet': 'Not met',
  'sectorGrowth.none': '—',
  'sectorGrowth.noLastYear': 'No figure',
  'sectorGrowth.baselineMark': 'full year',
  'sectorGrowth.baselineNote': 'Last-year figures marked “full year” are whole-year actuals from before the system was used; this year runs January to month {month}.',
  'sectorGrowth.noPlan': 'The {year} plan is not published: no sector growth targets yet.',
  'sectorGrowth.sector.agri-pastoral': 'Agriculture & husbandry',
  'sectorGrowth.sector.manufacturing': 'Manufacturing',
  'sectorGrowth.sector.modern-services': 'Modern services',
};
