import type { EChartsCoreOption } from 'echarts/core';

/*
 * ECharts options built from the cockpit's figures. Pure functions (no ECharts import), so the
 * pages stay light and the tests read the options directly. Amounts arrive in 万元 as decimal
 * strings; a chart draws them in 亿元 (a picture: the exact figures are in the tables beside it).
 */

/** 万元 decimal string → 亿元 as a number, for drawing only. */
export function wanToYi(wan: string | null | undefined): number {
  const value = Number(wan ?? 0);
  return Number.isFinite(value) ? Math.round(value) / 10000 : 0;
}

export interface TrendSeries {
  name: string;
  kind: 'bar' | 'line';
  values: number[];
  /** Drawn on the second (right) axis, e.g. a count beside amounts. */
  secondAxis?: boolean;
  /** A reference line (the even pace), not a figure. */
  dashed?: boolean;
}

const FONT = {
  fontFamily:
    "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  fontSize: 12,
};

/** Month-by-month: bars for each month's figure, a line for the running total. */
export function trendOption(
  months: readonly string[],
  series: readonly TrendSeries[],
  axisNames: [string, string?],
): EChartsCoreOption {
  const twoAxes = series.some((s) => s.secondAxis);
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 48, bottom: 8 },
    xAxis: { type: 'category', data: [...months] },
    yAxis: [
      { type: 'value', name: axisNames[0], nameTextStyle: { align: 'left' } },
      ...(twoAxes
        ? [
            {
              type: 'value',
              name: axisNames[1] ?? '',
              splitLine: { show: false },
              nameTextStyle: { align: 'right' },
            },
          ]
        : []),
    ],
    series: series.map((s) => ({
      name: s.name,
      type: s.kind,
      data: [...s.values],
      yAxisIndex: s.secondAxis ? 1 : 0,
      ...(s.kind === 'line'
        ? {
            symbolSize: 6,
            ...(s.dashed
              ? { lineStyle: { type: 'dashed' }, symbol: 'none' }
              : {}),
          }
        : { barMaxWidth: 18 }),
    })),
  };
}

export interface StageBar {
  name: string;
  count: number;
  /** "12个 · 3.5亿元": what the bar's label says. */
  caption: string;
}

/**
 * The pipeline by stage as horizontal bars, first stage on top: the length is the number of
 * projects now there, the label adds the amount. Bars rather than a funnel shape, which reads
 * wrongly when a later stage holds more projects than an earlier one or none at all.
 */
export function stageBarOption(stages: readonly StageBar[]): EChartsCoreOption {
  return {
    animation: false,
    textStyle: FONT,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 112, top: 8, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      axisTick: { show: false },
      data: stages.map((s) => s.name),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        itemStyle: { color: '#1677ff', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: 'rgba(0, 0, 0, 0.75)' },
        data: stages.map((s) => ({
          value: s.count,
          label: { formatter: s.caption },
        })),
      },
    ],
  };
}
