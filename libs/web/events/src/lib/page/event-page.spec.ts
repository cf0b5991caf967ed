import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { eventView, setUp, text, user } from '../testing/render';
import { EventPage } from './event-page';

describe('EventPage', () => {
  let backend: HttpTestingController;
  afterEach(() => backend.verify());

  async function render(roles: ('staff' | 'leader' | 'office')[], view = eventView(!roles.includes('leader'))) {
    backend = await setUp([{ path: 'events/:id', component: EventPage }], user(roles));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/events/e1', EventPage);
    backend.expectOne('/api/events/e1').flush(view);
    await harness.fixture.whenStable();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  it('says the results as the gazette does (签约 N个 X亿元, 到位 Y亿元), who went, and the projects behind them', async () => {
    const { element } = await render(['leader']);
    expect(text(element.querySelector('h1'))).toBe('第二十五届青洽会');
    expect(text(element.querySelector('.signed-line'))).toBe('签约2个、143.3亿元； 到位82.4亿元； 关联项目3个');
    expect(text(element.querySelector('.units'))).toBe('市数据局');
    expect(text(element.querySelector('.firms'))).toBe('中国华电集团有限公司格尔木分公司');
    expect(text(element.querySelector('.contacts'))).toBe('无');
    const links = [...element.querySelectorAll('.projects tbody a')].map((a) => [text(a), a.getAttribute('href')]);
    expect(links).toEqual([
      ['青洽会光伏项目', '/projects/p1'],
      ['青洽会储能项目', '/projects/p2'],
    ]);
    expect(text(element.querySelector('.hidden-projects'))).toContain('另有1个其他产业链的项目计入成效');
    // A leader reads: no edit button, and the page says who edits.
    expect(element.querySelector('button.edit')).toBeNull();
    expect(text(element.querySelector('.read-only'))).toContain('领导小组办公室和活动所属产业链的专班');
  });

  it('edits on the version read: an end before the start is refused before sending; a save shows the new event', async () => {
    const { harness, element } = await render(['staff']);
    element.querySelector<HTMLButtonElement>('button.edit')!.click();
    await harness.fixture.whenStable();
    backend.expectOne('/api/units').flush([{ id: 7, name: '市数据局' }]);
    backend.expectOne('/api/people').flush([{ id: 1, name: '肖军', position: '副市长' }]);
    await harness.fixture.whenStable();
    const form = element.querySelector('crm-event-form')!;
    const end = form.querySelector<HTMLInputElement>('input[name="endsOn"]')!;
    end.value = '2025-07-01';
    end.dispatchEvent(new Event('input'));
    form.querySelector<HTMLButtonElement>('button.save')!.click();
    await harness.fixture.whenStable();
    expect(text(form.querySelector('.problem'))).toBe('结束日期不能早于开始日期');
    backend.expectNone('/api/events/e1');

    end.value = '2025-07-10';
    end.dispatchEvent(new Event('input'));
    form.querySelector<HTMLButtonElement>('button.save')!.click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/events/e1');
    expect(put.request.body).toMatchObject({ name: '第二十五届青洽会', endsOn: '2025-07-10', version: 3, chains: ['clean-energy'], unitIds: [7] });
    put.flush({ ...eventView(), endsOn: '2025-07-10', version: 4 });
    await harness.fixture.whenStable();
    expect(element.querySelector('crm-event-form')).toBeNull();
    expect(text(element.querySelector('.page-subtitle'))).toBe('2025-07-06 — 2025-07-10');
  });

  it('says plainly when the event does not exist or may not be seen', async () => {
    backend = await setUp([{ path: 'events/:id', component: EventPage }], user(['staff']));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/events/e9', EventPage);
    backend.expectOne('/api/events/e9').flush({ statusCode: 404, message: '没有该招商活动 / No such promotion event' }, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
    expect(text(harness.routeNativeElement as HTMLElement)).toContain('没有该招商活动，或您无权查看');
  });
});
