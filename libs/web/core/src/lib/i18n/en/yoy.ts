import type { texts as zhCN } from '../zh-CN/yoy';

/** English texts yoy.*: the type makes a key missing from or added to the Chinese ones a compile error. */
export const texts: Record<keyof typeof zhCN, string> = {
  // Year on year and the funds-in-place ratio (issue 16 §3).
  'yoy.up': 'Up {rate}% year on year',
  'yoy.down': 'Down {rate}% year on year',
  'yoy.against': ' (same period last year: {value})',
  'yoy.againstFullYear': " (last year's full-year actual, entered before the system: {value})",
  'yoy.lastFullYear': "Last year's full-year actual {value} (entered before the system); ",
  'yoy.fullYearOnly': 'compared for the full year only, no rate yet',
  'yoy.zero': 'Same period last year was 0: no growth rate',
  'yoy.none': 'No data for the same period last year',
  'yoy.title': 'Year on year (against {year})',
  'yoy.signedProjects': 'Projects signed',
  'yoy.fundsRatio': 'Funds in place / signed: {rate}%',
  'yoy.fundsRatio.none': 'Funds in place / signed: nothing signed yet this year',
  'yoy.fundsRatio.hint': 'Funds in place ÷ signed amount, year to date',
};
