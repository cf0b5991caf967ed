import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { chainsRoutes } from '../routes';
import { sevenChains } from '../testing/chain-fixtures';
import { ChainDetailPage } from './chain-detail-page';

describe('ChainDetailPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'chains', children: chainsRoutes }]),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('shows one chain with its 招商方向 open', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/chains/metallurgy', ChainDetailPage);
    backend.expectOne('/api/chains').flush(sevenChains());
    await harness.fixture.whenStable();

    const element = harness.routeNativeElement as HTMLElement;
    expect(element.querySelectorAll('crm-chain-card')).toHaveLength(1);
    expect(element.querySelector('.chain-title')?.textContent?.trim()).toBe(
      '金属冶金产业链',
    );
    expect(element.querySelector('.ant-collapse-item')?.classList).toContain(
      'ant-collapse-item-active',
    );
  });

  it('says so when the code is unknown', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/chains/no-such-chain', ChainDetailPage);
    backend.expectOne('/api/chains').flush(sevenChains());
    await harness.fixture.whenStable();

    const element = harness.routeNativeElement as HTMLElement;
    expect(
      element.querySelector('.ant-result-title')?.textContent?.trim(),
    ).toBe('未找到该产业链');
  });
});
