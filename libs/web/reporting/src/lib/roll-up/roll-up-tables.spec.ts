import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  planMissingView,
  RANKING_FORMULA,
  RANKING_WEIGHTS,
  STAGES,
  type RollUpChainFigures,
  type RollUpFigures,
} from '@crm/domain';
import { I18nService } from '@crm/web/core';
import { RollUpChains } from './roll-up-chains';
import { RollUpSummary } from './roll-up-summary';

const ZERO = '0.000000';

function chain(code: RollUpChainFigures['chainCode'], name: string, id: number, actionItems: RollUpChainFigures['actionItems']): RollUpChainFigures {
  return {
    chainId: id,
    chainCode: code,
    chainName: name,
    signedMonth: { count: 0, amount: ZERO },
    signedYearToDate: { count: 0, actual: ZERO, target: '1400000.000000', rate: '0.00' },
    fundsMonth: ZERO,
    fundsYearToDate: { actual: ZERO, target: '650000.000000', rate: '0.00' },
    bigProjects: { count: 0, threshold: '100000.000000', target: 5, rate: '0.00' },
    pipeline: STAGES.map((stage) => ({ stage, count: 0, plannedInvestment: ZERO, signedAmount: ZERO })),
    newLeads: 0,
    stageMoves: 0,
    majorProjects: [],
    keyTasks: [],
    actionItems,
  };
}

function figures(): RollUpFigures {
  const chains = [
    chain('clean-energy', '清洁能源产业链', 1, { due: 7, done: 3, rate: '42.86', open: 5, overdue: 3 }),
    chain('metallurgy', '金属冶金产业链', 3, { due: 0, done: 0, rate: null, open: 0, overdue: 0 }),
    // A snapshot taken before the figure existed.
    chain('culture-tourism', '文化旅游产业链', 6, null),
  ];
  const city = {
    signedMonth: { count: 0, amount: ZERO },
    signedYearToDate: { count: 0, actual: ZERO, target: '2200000.000000', rate: '0.00' },
    fundsMonth: ZERO,
    fundsYearToDate: { actual: ZERO, target: '1000000.000000', rate: '0.00' },
    bigProjects: { count: 0, target: 11, rate: '0.00' },
    newLeads: 0,
    stageMoves: 0,
    majorProjectCount: 0,
  };
  const row = (c: RollUpChainFigures, rank: number, actionItemRate: string | null, score = '0.00') => ({
    chainCode: c.chainCode,
    chainName: c.chainName,
    signedRate: score === '0.00' ? '0.00' : '25.00',
    fundsRate: '0.00',
    bigProjectRate: '0.00',
    score,
    rank,
    quarterSigned: { count: 0, amount: ZERO },
    quarterFunds: ZERO,
    actionItemRate,
  });
  return {
    period: '2025-03',
    year: 2025,
    yearToDateLabel: '1-3月',
    takenAt: '2025-04-01T02:00:00.000Z',
    city,
    chains,
    units: [],
    problems: [],
    quarter: {
      year: 2025,
      quarter: 1,
      fromPeriod: '2025-01',
      toPeriod: '2025-03',
      formula: RANKING_FORMULA,
      weights: RANKING_WEIGHTS,
      rows: [row(chains[0], 1, '42.86', '10.00'), row(chains[1], 2, null), row(chains[2], 2, null)],
    },
    yearView: { year: 2025, toPeriod: '2025-03', totals: city, chains: [], months: [] },
  };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A cell's parts (or a row's cells), one space between. */
const parts = (el: Element | null | undefined, selector: string) =>
  el ? [...el.querySelectorAll(selector)].map(text).join(' ') : '';

describe('roll-up tables: 交办事项完成率', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it('shows each chain’s completion rate, with what was due, done, open and overdue', async () => {
    const fixture = TestBed.createComponent(RollUpChains);
    fixture.componentRef.setInput('chains', figures().chains);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const headers = [...el.querySelectorAll('.chains-table thead th')].map(text);
    expect(headers[headers.length - 1]).toBe('交办事项完成率');
    const cell = (code: string) => {
      const td = el.querySelector(`.chains-table tr[data-chain="${code}"] td.action-items`);
      return td?.querySelector('span') ? parts(td, 'span') : text(td);
    };
    expect(cell('clean-energy')).toBe('42.86% 已办结3件 / 应办结7件 未办结5件，其中逾期3件');
    expect(el.querySelector('tr[data-chain="clean-energy"] td.action-items .overdue')).not.toBeNull();
    expect(cell('metallurgy')).toBe('— 已办结0件 / 应办结0件');
    expect(cell('culture-tourism')).toBe('—');
  });

  it('labels big projects with each chain’s own threshold, the column honestly across thresholds', async () => {
    const chains = figures().chains;
    chains[1] = { ...chains[1], bigProjects: { ...chains[1].bigProjects, threshold: '50000.000000' } };
    const fixture = TestBed.createComponent(RollUpChains);
    fixture.componentRef.setInput('chains', chains);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const headers = [...el.querySelectorAll('.chains-table thead th')].map(text);
    expect(headers).toContain('大项目（各链标准） / 目标');
    const rules = [...el.querySelectorAll('.chains-table tbody .rule')].map(text);
    expect(rules.slice(0, 2)).toEqual(['10亿元以上项目', '5亿元以上项目']);
  });

  it('shows the rate beside the score in the ranking table, for reference', async () => {
    const fixture = TestBed.createComponent(RollUpSummary);
    fixture.componentRef.setInput('figures', figures());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = [...el.querySelectorAll('.ranking tbody tr[data-chain]')].map((tr) => parts(tr, 'td'));
    expect(rows).toEqual([
      '1 清洁能源产业链 25.00% 0.00% 0.00% 10.00 42.86%',
      '2 金属冶金产业链 0.00% 0.00% 0.00% 0.00 —',
      '2 文化旅游产业链 0.00% 0.00% 0.00% 0.00 —',
    ]);
    const th = el.querySelector('.ranking thead th.action-item-rate');
    expect(text(th)).toBe('交办完成率');
    expect(th?.getAttribute('title')).toBe('仅作参考，不计入得分');
    expect(text(el.querySelector('.ranking .formula'))).toContain('交办事项完成率仅作参考列示，不计入得分');

    TestBed.inject(I18nService).use('en');
    await fixture.whenStable();
    expect(text(el.querySelector('.ranking thead th.action-item-rate'))).toBe('Action items done');
    expect(text(el.querySelector('.ranking .formula'))).toContain('shown for reference and not weighted');
  });

  it('does not show a ranking where every chain scored 0, nor any before the year’s plan is published', async () => {
    const zeros = figures();
    zeros.quarter.rows = zeros.quarter.rows.map((r) => ({ ...r, signedRate: '0.00', score: '0.00', rank: 1 }));
    const fixture = TestBed.createComponent(RollUpSummary);
    fixture.componentRef.setInput('figures', zeros);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.ranking nz-table')).toBeNull();
    expect(text(el.querySelector('.ranking .ranking-none'))).toBe('各产业链尚无计入评分的完成量（得分均为0），暂不排名。');

    const missing = figures();
    missing.plan = planMissingView(2025, 'draft');
    missing.quarter.rows = [];
    fixture.componentRef.setInput('figures', missing);
    await fixture.whenStable();
    expect(el.querySelector('.ranking nz-table')).toBeNull();
    expect(text(el.querySelector('.ranking .ranking-none'))).toBe('2025年度工作方案发布后，按年度目标完成率排名。');
  });

  it('shows the chains’ actuals only while the year’s plan is not published', async () => {
    const fixture = TestBed.createComponent(RollUpChains);
    fixture.componentRef.setInput('chains', figures().chains);
    fixture.componentRef.setInput('planMissing', true);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cells = [...(el.querySelector('.chains-table tr[data-chain="clean-energy"]')?.querySelectorAll('td') ?? [])].map(text);
    expect(cells.slice(2, 6)).toEqual(['0万元', '0万元', '0万元', '10亿元以上项目 0']);
  });

  it('shows 同比 under each chain’s figures, and says when last year has none (an older snapshot shows nothing)', async () => {
    const chains = figures().chains;
    chains[0].yearOnYear = {
      previousYear: 2024,
      month: 3,
      signedAmount: { thisYear: '30000.000000', lastYear: '20000.000000', basis: 'system', growthRate: '50.00' },
      signedProjects: { thisYear: 2, lastYear: 2, basis: 'system', growthRate: '0.00' },
      fundsInPlace: { thisYear: '1500.000000', lastYear: '2000.000000', basis: 'system', growthRate: '-25.00' },
      bigProjects: { thisYear: 1, lastYear: 0, basis: 'system', growthRate: null },
      fundsToSignedRate: '5.00',
    };
    chains[1].yearOnYear = {
      previousYear: 2024,
      month: 3,
      signedAmount: { thisYear: ZERO, lastYear: null, basis: null, growthRate: null },
      signedProjects: { thisYear: 0, lastYear: null, basis: null, growthRate: null },
      fundsInPlace: { thisYear: ZERO, lastYear: null, basis: null, growthRate: null },
      bigProjects: { thisYear: 0, lastYear: null, basis: null, growthRate: null },
      fundsToSignedRate: null,
    };
    const fixture = TestBed.createComponent(RollUpChains);
    fixture.componentRef.setInput('chains', chains);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const yoy = (code: string) => [...el.querySelectorAll(`.chains-table tr[data-chain="${code}"] .yoy`)].map(text);
    expect(yoy('clean-energy')).toEqual(['同比增长 50%', '同比下降 25%', '上年同期为 0，不计同比']);
    expect(yoy('metallurgy')).toEqual(['无上年同期数据', '无上年同期数据', '无上年同期数据']);
    expect(yoy('culture-tourism')).toEqual([]);
  });
});
