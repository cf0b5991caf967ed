import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ProjectGuaranteesView } from '@crm/domain';
import { find, landRequest, setUp, text } from '../testing/render';
import { ProjectGuaranteesPanel } from './project-guarantees-panel';

describe('ProjectGuaranteesPanel (项目页 · 要素保障)', () => {
  let backend: HttpTestingController;
  afterEach(() => backend.verify());

  const view = (): ProjectGuaranteesView => ({
    requests: [landRequest({ canAnswer: false })],
    canRequest: true,
    defaultUnits: { land: { id: 9, name: '市自然资源局' }, power: { id: 3, name: '市能源局' } },
  });

  async function render() {
    backend = await setUp();
    const fixture = TestBed.createComponent(ProjectGuaranteesPanel);
    fixture.componentRef.setInput('projectId', 'p1');
    await fixture.whenStable();
    backend.expectOne('/api/projects/p1/guarantee-requests').flush(view());
    await settled(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  /** The API's answer reaches the component a task later than the flush. */
  const settled = async (fixture: { whenStable(): Promise<unknown> }) => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  const type = (element: HTMLElement, selector: string, value: string) => {
    const input = find<HTMLInputElement>(element, selector);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('shows the needs sent and where each stands', async () => {
    const { element } = await render();
    const card = find(element, 'crm-guarantee-request-card');
    expect(text(card.querySelector('.kind'))).toBe('用地');
    expect(text(card.querySelector('.unit'))).toBe('市自然资源局');
    expect(card.querySelector('button.answer')).toBeNull();
  });

  it('refuses a negative amount before sending, naming the field; sends decimal strings to the suggested bureau', async () => {
    const { fixture, element } = await render();
    find<HTMLButtonElement>(element, 'button.new-need').click();
    await fixture.whenStable();
    backend.expectOne('/api/units').flush([
      { id: 9, name: '市自然资源局', kind: 'bureau', aliases: [] },
      { id: 3, name: '市能源局', kind: 'bureau', aliases: [] },
    ]);
    await fixture.whenStable();
    type(element, '#need-areaMu', '-5');
    await fixture.whenStable();
    find<HTMLButtonElement>(element, 'button.send').click();
    await fixture.whenStable();
    expect(text(element.querySelector('.need-form'))).toContain('用地面积不能为负数');
    backend.expectNone((r) => r.method === 'POST');

    type(element, '#need-areaMu', '120.5');
    (fixture.componentInstance as unknown as { patch(c: object): void }).patch({ dueOn: '2099-03-05' });
    await fixture.whenStable();
    find<HTMLButtonElement>(element, 'button.send').click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/guarantee-requests');
    expect(post.request.body).toEqual({ kind: 'land', areaMu: '120.5', unitId: 9, dueOn: '2099-03-05', description: null, quantityUnit: null });
    post.flush(landRequest());
    await fixture.whenStable();
    backend.expectOne('/api/projects/p1/guarantee-requests').flush(view());
    await fixture.whenStable();
    expect(element.querySelector('.need-form')).toBeNull();
  });

  it('keeps an amount typed while the units are still loading', async () => {
    const { fixture, element } = await render();
    find<HTMLButtonElement>(element, 'button.new-need').click();
    await fixture.whenStable();
    type(element, '#need-areaMu', '10');
    await fixture.whenStable();
    backend.expectOne('/api/units').flush([{ id: 9, name: '市自然资源局', kind: 'bureau', aliases: [] }]);
    await settled(fixture);
    expect(find<HTMLInputElement>(element, '#need-areaMu').value).toBe('10');

    (fixture.componentInstance as unknown as { patch(c: object): void }).patch({ dueOn: '2099-03-05' });
    await fixture.whenStable();
    find<HTMLButtonElement>(element, 'button.send').click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/projects/p1/guarantee-requests');
    expect(post.request.body).toMatchObject({ kind: 'land', areaMu: '10', unitId: 9 });
    post.flush(landRequest());
    await fixture.whenStable();
    backend.expectOne('/api/projects/p1/guarantee-requests').flush(view());
    await fixture.whenStable();
  });
});
