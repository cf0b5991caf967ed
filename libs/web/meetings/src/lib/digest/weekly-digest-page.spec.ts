import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { WeeklyDigestChainSection, WeeklyDigestView } from '@crm/domain';
import { actionItem, project, setUp, text, user } from '../pack/pack-testing';
import { WeeklyDigestPage } from './weekly-digest-page';

function section(overrides: Partial<WeeklyDigestChainSection> = {}): WeeklyDigestChainSection {
  return {
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    newLeads: [],
    stageMoves: [],
    signings: [],
    signedTotal: '0',
    funds: [],
    fundsTotal: '0',
    itemsDue: [],
    overdueFollowUps: [],
    ...overrides,
  };
}

function digest(chains: WeeklyDigestChainSection[]): WeeklyDigestView {
  return {
    week: '2025-06-16',
    from: '2025-06-09',
    to: '2025-06-15',
    recipient: { id: 'u-1', displayName: '王芳' },
    chains,
  };
}

describe('WeeklyDigestPage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(url: string) {
    backend = await setUp([{ path: 'meetings/digest', component: WeeklyDigestPage }], user(['staff']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, WeeklyDigestPage);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  it('asks for the week in the URL and lists what happened in each chain, projects linked', async () => {
    const { harness, element } = await render('/meetings/digest?week=2025-06-16');
    const req = backend.expectOne((r) => r.url === '/api/digests/weekly');
    expect(req.request.params.get('week')).toBe('2025-06-16');
    req.flush(
      digest([
        section({
          newLeads: [project('p-3', '光伏组件项目', { stage: 'lead' })],
          stageMoves: [{ project: project('p-1', '储能电池项目'), from: 'lead', to: 'negotiation', movedOn: '2025-06-10' }],
          signings: [{ project: project('p-2', '高原风电叶片项目'), amount: '120000', signedOn: '2025-06-12' }],
          signedTotal: '120000',
          funds: [
            { project: project('p-2', '高原风电叶片项目'), amount: '5000', recordedOn: '2025-06-13' },
            { project: project('p-1', '储能电池项目'), amount: '0.5', recordedOn: '2025-06-14' },
          ],
          fundsTotal: '5000.5',
          itemsDue: [actionItem()],
          overdueFollowUps: [{ project: project('p-1', '储能电池项目'), dueOn: '2025-06-01' }],
        }),
      ]),
    );
    await harness.fixture.whenStable();

    expect(text(element.querySelector('.range'))).toBe('2025-06-16 周报：2025-06-09 至 2025-06-15 · 接收人：王芳');
    const chain = element.querySelector('[data-chain="clean-energy"]');
    expect(text(chain?.querySelector('.new-leads .row'))).toBe('光伏组件项目 信息收集 · 青海绿能集团 · 3.5亿元 · 市能源局');
    expect(chain?.querySelector('.new-leads a')?.getAttribute('href')).toBe('/projects/p-3');
    expect(text(chain?.querySelector('.moves .row'))).toBe('储能电池项目 信息收集 → 对接洽谈 2025-06-10');
    expect(text(chain?.querySelector('.signings .row'))).toBe('高原风电叶片项目 12亿元 2025-06-12 签约');
    expect(text(chain?.querySelector('.signings h2'))).toBe('签约（1） 合计 12亿元');
    expect(text(chain?.querySelector('.funds h2'))).toBe('资金到位（2） 合计 5000.5万元');
    expect(text(chain?.querySelector('.funds .row'))).toBe('高原风电叶片项目 5000万元 2025-06-13 登记');
    expect(text(chain?.querySelector('.items-due .row'))).toBe(
      '逾期 协调叶片项目用地指标 高原风电叶片项目 市能源局 · 2025-06-20 到期 · 月调度会 2025-05-27',
    );
    expect(text(chain?.querySelector('.follow-ups .row'))).toBe('储能电池项目 计划 2025-06-01 跟进 · 能源局专班');
    expect(chain?.querySelector('.quiet')).toBeNull();
  });

  it('says so when a chain had a quiet week, section by section', async () => {
    const { harness, element } = await render('/meetings/digest?week=2025-06-16');
    backend.expectOne((r) => r.url === '/api/digests/weekly').flush(digest([section()]));
    await harness.fixture.whenStable();
    expect(text(element.querySelector('.quiet'))).toBe('本周该产业链没有新动态，也没有到期事项。');
    expect([...element.querySelectorAll('.chain-digest .empty')].map(text)).toEqual([
      '本周没有新录入的项目。',
      '本周没有项目变更阶段。',
      '本周没有签约。',
      '本周没有登记到位资金。',
      '本周没有到期或逾期的交办事项。',
      '没有跟进逾期的项目。',
    ]);
  });

  it('explains an empty digest, and takes another day of the week as its Monday', async () => {
    const { harness, element } = await render('/meetings/digest?week=2025-06-18');
    const req = backend.expectOne((r) => r.url === '/api/digests/weekly');
    expect(req.request.params.get('week')).toBe('2025-06-16');
    req.flush(digest([]));
    await harness.fixture.whenStable();
    expect(text(element.querySelector('.no-chains .ant-result-title'))).toBe('您名下没有需要跟踪的产业链');
  });

  it('steps to the previous week, and lets the API choose without a week', async () => {
    const { harness, element } = await render('/meetings/digest');
    const latest = backend.expectOne((r) => r.url === '/api/digests/weekly');
    expect(latest.request.params.has('week')).toBe(false);
    latest.flush(digest([]));
    await harness.fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button.prev')?.click();
    await harness.fixture.whenStable();
    const previous = backend.expectOne((r) => r.url === '/api/digests/weekly');
    expect(previous.request.params.get('week')).toBe('2025-06-09');
    previous.flush({ ...digest([]), week: '2025-06-09', from: '2025-06-02', to: '2025-06-08' });
    await harness.fixture.whenStable();
  });
});
