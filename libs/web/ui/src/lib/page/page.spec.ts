import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly subtitle = signal('');
  readonly state = signal<LoadState<number>>({ status: 'loading' });
  retries = 0;
}

describe('PageHeader and LoadStateView', () => {
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
    expect(readyValue(host.state())).toBe(3);
    expect(readyValue({ status: 'loading' })).toBeNull();
  });
});
