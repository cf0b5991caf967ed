import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { RememberedDeviceView } from '@crm/domain';
import { RememberedDevices } from './remembered-devices';

const PHONE: RememberedDeviceView = {
  id: 'd0000000-0000-4000-8000-000000000001',
  device: 'iPhone · Safari',
  signedInAt: '2040-05-01T02:00:00.000Z',
  lastSeenAt: '2040-05-03T01:00:00.000Z',
  expiresAt: '2040-05-31T02:00:00.000Z',
  current: false,
};
const THIS: RememberedDeviceView = { ...PHONE, id: 'd0000000-0000-4000-8000-000000000002', device: 'Windows · Edge', current: true };

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

describe('RememberedDevices', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(devices: RememberedDeviceView[]) {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RememberedDevices);
    fixture.detectChanges();
    backend.expectOne('/api/auth/remembered-devices').flush(devices);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists the remembered devices with their times in Shanghai and removes one with 移除', async () => {
    const { fixture, element } = await render([THIS, PHONE]);
    const rows = [...element.querySelectorAll('li.device')];
    expect(rows.map((r) => text(r.querySelector('.what')))).toEqual([
      'Windows · Edge本设备 2040-05-01 10:00 登录 · 最近使用 2040-05-03 09:00 · 有效至 2040-05-31 10:00',
      'iPhone · Safari 2040-05-01 10:00 登录 · 最近使用 2040-05-03 09:00 · 有效至 2040-05-31 10:00',
    ]);
    (rows[1].querySelector('button.remove') as HTMLButtonElement).click();
    const removal = backend.expectOne(`/api/auth/remembered-devices/${PHONE.id}`);
    expect(removal.request.method).toBe('DELETE');
    removal.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect([...element.querySelectorAll('li.device strong')].map(text)).toEqual(['Windows · Edge']);
  });

  it('signs out here when this device is removed', async () => {
    const { fixture, element } = await render([THIS]);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    (element.querySelector('button.remove') as HTMLButtonElement).click();
    backend.expectOne(`/api/auth/remembered-devices/${THIS.id}`).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    backend.expectOne('/api/auth/sign-out').flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('says when there are none', async () => {
    const { element } = await render([]);
    expect(text(element.querySelector('li.none'))).toBe('没有记住的设备。登录时勾选“记住此设备”，该设备将保持登录。');
  });
});
