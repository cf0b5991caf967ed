import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { STAGES, type RollUpChainFigures } from '@crm/domain';
import { I18nService } from '@crm/web/core';
import { RollUpChains } from './roll-up-chains';

const ZERO = '0.000000';

function chain(keyTasks: RollUpChainFigures['keyTasks']): RollUpChainFigures {
  return {
    chainId: 1,
    chainCode: 'clean-energy',
    chainName: '清洁能源产业链',
    signedMonth: { count: 0, amount: ZERO },
    signedYearToDate: { count: 0, actual: ZERO, target: '1400000.000000', rate: '0.00' },
    fundsMonth: ZERO,
    fundsYearToDate: { actual: ZERO, target: '650000.000000', rate: '0.00' },
    bigProjects: { count: 0, threshold: '100000.000000', target: 5, rate: '0.00' },
    pipeline: STAGES.map((stage) => ({ stage, count: 0, plannedInvestment: ZERO, signedAmount: ZERO })),
    newLeads: 0,
    stageMoves: 0,
    majorProjects: [],
    keyTasks,
    actionItems: null,
  };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** Visible words, one space between text nodes (tags sit beside the name with a margin, not a space). */
const words = (el: Element | null | undefined): string => {
  if (!el) return '';
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
};

describe('roll-up: key-task milestones and goals', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('shows each milestone and goal with its state, and nothing more for figures frozen before milestones', async () => {
    const fixture = TestBed.createComponent(RollUpChains);
    fixture.componentRef.setInput('chains', [
      chain([
        {
          id: 3,
          seq: 3,
          text: '推动昆仑云谷智算产业园取得实质进展',
          projectCount: 1,
          activeProjectCount: 1,
          signedProjectCount: 0,
          units: ['市数据局', '市能源局'],
          milestones: [
            {
              id: 7,
              seq: 1,
              projectName: '昆仑云谷智算产业园',
              projectId: 'p-1',
              targetStage: 'negotiation',
              wording: '推动…项目取得实质进展',
              currentStage: 'negotiation',
              state: 'done',
            },
            {
              id: 8,
              seq: 2,
              projectName: '耘驰算力中心',
              projectId: null,
              targetStage: 'negotiation',
              wording: '推动…项目取得实质进展',
              currentStage: null,
              state: 'behind',
            },
          ],
          goals: [
            {
              id: 9,
              seq: 1,
              label: '算力标准机架',
              measureUnit: '个',
              target: '4000.0000',
              achieved: '1000.0000',
              achievedOn: null,
              rate: '25.00',
              state: 'on-track',
            },
          ],
          done: 1,
          onTrack: 1,
          behind: 1,
        },
        // Frozen before milestones were kept: the count alone.
        { id: 4, seq: 4, text: '旧快照中的任务', projectCount: 2, activeProjectCount: 2, signedProjectCount: 1 },
      ]),
    ]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const tasks = [...el.querySelectorAll('.tasks > li')];
    expect(tasks).toHaveLength(2);
    expect(words(tasks[0].querySelector('.summary'))).toBe('已完成 1 按序时推进 1 滞后 1');
    expect([...tasks[0].querySelectorAll('.items li')].map(words)).toEqual([
      '已完成 昆仑云谷智算产业园 年内目标：对接洽谈 （推动…项目取得实质进展） · 现处对接洽谈',
      '滞后 耘驰算力中心 年内目标：对接洽谈 （推动…项目取得实质进展） · 尚未建立项目',
      '按序时推进 算力标准机架 1000/4000 个，完成 25.00%',
    ]);
    expect(text(tasks[0])).toContain('责任单位：市数据局、市能源局');
    expect(tasks[1].querySelector('crm-key-task-progress')?.children.length ?? 0).toBe(0);
    expect(text(tasks[1])).toContain('旧快照中的任务');

    TestBed.inject(I18nService).use('en');
    await fixture.whenStable();
    expect(words(tasks[0].querySelector('.items li'))).toBe(
      'Done 昆仑云谷智算产业园 by year end: Contact & negotiation （推动…项目取得实质进展） · now at Contact & negotiation',
    );
  });
});
