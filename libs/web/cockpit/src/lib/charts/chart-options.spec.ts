import { stageBarOption, trendOption, wanToYi } from './chart-options';
import { init } from './echarts-setup';

describe('chart options', () => {
  it('draws 万元 as 亿元', () => {
    expect(wanToYi('1400000.000000')).toBe(140);
    expect(wanToYi('35000')).toBe(3.5);
    expect(wanToYi(null)).toBe(0);
  });

  it('keeps the stages in pipeline order, first on top, each bar labelled with its caption', () => {
    const option = stageBarOption([
      { name: '信息收集', count: 1, caption: '1个' },
      { name: '对接洽谈', count: 5, caption: '5个 · 2亿元' },
    ]) as {
      yAxis: { inverse: boolean; data: string[] };
      series: { data: { value: number; label: { formatter: string } }[] }[];
    };
    expect(option.yAxis.inverse).toBe(true);
    expect(option.yAxis.data).toEqual(['信息收集', '对接洽谈']);
    expect(option.series[0].data).toEqual([
      { value: 1, label: { formatter: '1个' } },
      { value: 5, label: { formatter: '5个 · 2亿元' } },
    ]);
  });

  it('renders readable Chinese labels with the registered ECharts parts (SVG)', () => {
    const chart = init(null, undefined, {
      renderer: 'svg',
      ssr: true,
      width: 600,
      height: 300,
    });
    chart.setOption(
      trendOption(
        ['1月', '2月', '3月'],
        [
          { name: '当月', kind: 'bar', values: [1, 2, 3] },
          { name: '累计', kind: 'line', values: [1, 3, 6] },
          { name: '序时进度', kind: 'line', values: [2, 4, 6], dashed: true },
        ],
        ['亿元'],
      ),
    );
    const svg = chart.renderToSVGString();
    for (const label of ['1月', '3月', '当月', '累计', '序时进度', '亿元']) {
      expect(svg).toContain(label);
    }
    chart.setOption(
      stageBarOption([{ name: '信息收集', count: 3, caption: '3个 · 0万元' }]),
      true,
    );
    const bars = chart.renderToSVGString();
    expect(bars).toContain('信息收集');
    expect(bars).toContain('3个 · 0万元');
    chart.dispose();
  });
});
