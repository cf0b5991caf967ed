import type { CockpitTrendSeries } from '@crm/domain';
import type { I18nService } from '@crm/web/core';
import { trendOption, wanToYi } from './chart-options';

/** 签约额 or 到位资金 by month: each month's figure, the running total, the even pace dashed. */
export function moneyTrendOption(
  series: CockpitTrendSeries,
  months: readonly string[],
  kind: 'signed' | 'funds',
  i18n: Pick<I18nService, 't'>,
) {
  const t = i18n.t;
  const monthly = kind === 'signed' ? series.signedAmount : series.fundsInPlace;
  const cumulative =
    kind === 'signed'
      ? series.signedAmountCumulative
      : series.fundsInPlaceCumulative;
  const pace = kind === 'signed' ? series.signedPace : series.fundsPace;
  const labels = months.map((m) =>
    t('cockpit.monthOption', { month: Number(m.slice(5, 7)) }),
  );
  return trendOption(
    labels,
    [
      {
        name: t('cockpit.trend.monthly'),
        kind: 'bar',
        values: monthly.map(wanToYi),
      },
      {
        name: t('cockpit.trend.cumulative'),
        kind: 'line',
        values: cumulative.map(wanToYi),
      },
      ...(pace
        ? [
            {
              name: t('cockpit.trend.pace'),
              kind: 'line' as const,
              values: pace.map(wanToYi),
              dashed: true,
            },
          ]
        : []),
    ],
    [t('cockpit.trend.unitYi')],
  );
}
