import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LoadState, LoadStateView, readyValue } from './load-state';
import { PageHeader } from './page-header';

@Component({
  imports: [LoadStateView, PageHeader],
  template: `
    <crm-page-header heading="年度工作方案" [subtitle]="subtitle()">
      <span crmPageTags class="tag">草稿</span>
      <button type="button" class="action">起草</button>
    </crm-page-header>
    <crm-load-state [state]="state()" errorTitle="未能加载" errorText="网络中断" retryLabel="重新加载" (retry)="retries = retries + 1" />
    <crm-load-state class="second" [state]="state()" [empty]="empty()" backLink="/meetings" backLabel="返回会议列表">
      <button crmEmpty type="button" class="add">登记会议</button>
    </crm-load-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly subtitle = signal('');
  readonly state = signal<LoadState<number>>({ status: 'loading' });
  readonly empty = signal(false);
  retries = 0;
}

describe('PageHeader and LoadStateView', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  it('shows the title with its tags and actions, and the subtitle only when there is one', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('年度工作方案');
    expect(page.querySelector('.title-row .tag')?.textContent).toBe('草稿');
    expect(page.querySelector('.page-actions .action')).not.toBeNull();
    expect(page.querySelector('.page-subtitle')).toBeNull();
    fixture.componentInstance.subtitle.set('每年一份');
    await fixture.whenStable();
    expect(page.querySelector('.page-subtitle')?.textContent).toBe('每年一份');
  });

  it('shows a skeleton while loading, the reason and a retry when failed, nothing when ready', async () => {
    const fixture = TestBed.createComponent(Host);
    const host = fixture.componentInstance;
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('nz-skeleton')).not.toBeNull();

    host.state.set({ status: 'error', error: new Error('x') });
    await fixture.whenStable();
    expect(page.querySelector('.ant-result-title')?.textContent?.trim()).toBe('未能加载');
    expect(page.querySelector('.ant-result-subtitle')?.textContent?.trim()).toBe('网络中断');
    page.querySelector<HTMLButtonElement>('button.retry')?.click();
    expect(host.retries).toBe(1);

    host.state.set({ status: 'ready', value: 3 });
    await fixture.whenStable();
    expect(page.querySelector('crm-load-state')?.children.length).toBe(0);
    expect(page.querySelector('crm-load-state.second')?.children.length).toBe(0);
    expect(readyValue(host.state())).toBe(3);
    expect(readyValue({ status: 'loading' })).toBeNull();
  });
});

describe('LoadStateView, the states every page shares', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  async function render(state: LoadState<number>, empty = false) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.state.set(state);
    fixture.componentInstance.empty.set(empty);
    await fixture.whenStable();
    return (fixture.nativeElement as HTMLElement).querySelector('crm-load-state.second') as HTMLElement;
  }
  const failed = (status: number, message?: string) =>
    new HttpErrorResponse({ status, error: message ? { message } : null });

  it('says 无权查看 on a 403, with a way back and no retry', async () => {
    const view = await render({ status: 'error', error: failed(403) });
    expect(view.querySelector('.ant-result-title')?.textContent?.trim()).toBe('无权查看');
    const back = view.querySelector<HTMLAnchorElement>('a.back');
    expect(back?.textContent?.trim()).toBe('返回会议列表');
    expect(back?.getAttribute('href')).toBe('/meetings');
    expect(view.querySelector('button.retry')).toBeNull();
  });

  it('says it cannot be found on a 404, and gives the API’s reason with a retry for anything else', async () => {
    const missing = await render({ status: 'error', error: failed(404) });
    expect(missing.querySelector('.ant-result-title')?.textContent?.trim()).toBe('找不到该内容');
    expect(missing.querySelector('a.back')).not.toBeNull();

    const broken = await render({ status: 'error', error: failed(500, '服务器暂时无法处理 / The server failed') });
    expect(broken.querySelector('.ant-result-title')?.textContent?.trim()).toBe('未能加载');
    expect(broken.querySelector('.ant-result-subtitle')?.textContent?.trim()).toBe('服务器暂时无法处理');
    expect(broken.querySelector('button.retry')).not.toBeNull();
  });

  it('shows the empty state with the page’s action when the ready data is empty', async () => {
    const view = await render({ status: 'ready', value: 0 }, true);
    expect(view.querySelector('.ant-empty-description')?.textContent?.trim()).toBe('暂无数据');
    expect(view.querySelector('button.add')?.textContent).toBe('登记会议');
  });
});
