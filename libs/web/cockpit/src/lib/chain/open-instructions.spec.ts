import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OpenInstructionView } from '@crm/domain';
import { text } from '../testing/render';
import { OpenInstructions } from './open-instructions';

function open(id: string, ageDays: number, overrides: Partial<OpenInstructionView> = {}): OpenInstructionView {
  return {
    id,
    project: { id: `p-${id}`, name: `项目${id}` },
    text: `批示${id}`,
    personName: '徐进',
    author: { id: 'u1', displayName: 'leader-xu' },
    createdAt: '2040-10-01T02:00:00.000Z',
    ageDays,
    readAt: null,
    acknowledgedAt: null,
    ...overrides,
  };
}

describe('OpenInstructions', () => {
  async function render(items: OpenInstructionView[], count: number) {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(OpenInstructions);
    fixture.componentRef.setInput('items', items);
    fixture.componentRef.setInput('count', count);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the open 批示 with their age, whether read or acknowledged, each a link to its project’s thread', async () => {
    const element = await render(
      [open('a', 9), open('b', 3, { readAt: '2040-10-02T00:00:00.000Z' }), open('c', 0, { acknowledgedAt: '2040-10-05T00:00:00.000Z' })],
      5,
    );
    const rows = [...element.querySelectorAll('li.item')].map(text);
    expect(rows).toEqual([
      '9 天 项目a 批示a 徐进 · 未读',
      '3 天 项目b 批示b 徐进 · 已读',
      '今天 项目c 批示c 徐进 · 已阅',
    ]);
    expect(element.querySelector('li.item .age')?.classList.contains('old')).toBe(true);
    expect(element.querySelector('li.item a')?.getAttribute('href')).toBe('/projects/p-a#instructions');
    expect(text(element.querySelector('.count'))).toBe('共 5 件');
    expect(text(element.querySelector('.more'))).toBe('另有 2 件未列出');
  });

  it('says so when every 批示 has been replied to', async () => {
    const element = await render([], 0);
    expect(text(element.querySelector('li.none'))).toBe('批示均已回复。');
    expect(element.querySelector('.more')).toBeNull();
  });
});
