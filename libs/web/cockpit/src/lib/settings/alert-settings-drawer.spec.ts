import { Component, signal } from '@angular/core';
import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { officeUser } from '../testing/cockpit-fixtures';
import { setUp, text } from '../testing/render';
import { AlertSettingsDrawer } from './alert-settings-drawer';

@Component({
  imports: [AlertSettingsDrawer],
  template: `<crm-alert-settings-drawer
    [open]="open()"
    (closed)="open.set(false)"
  />`,
})
class Host {
  readonly open = signal(true);
}

describe('AlertSettingsDrawer', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  it('loads the Ns, sends them back as changed, and closes', async () => {
    backend = await setUp([], officeUser());
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    backend
      .expectOne('/api/settings/alerts')
      .flush({
        signedNoLandMonths: 6,
        landNotStartedMonths: 6,
        constructionMonths: 24,
        idleDays: 30,
        version: 4,
      });
    await fixture.whenStable();

    const drawer = document.querySelector('.ant-drawer-content') as HTMLElement;
    expect([...drawer.querySelectorAll('nz-form-label')].map(text)).toEqual([
      '签约后未供地超过',
      '供地后未开工超过',
      '开工后应投产期限',
      '无跟进记录超过',
    ]);
    expect(
      text(
        drawer.querySelector('nz-form-item:last-of-type .ant-form-item-extra'),
      ),
    ).toBe('1—3650天，默认 30天');

    const idle = drawer.querySelector<HTMLInputElement>('#alert-idleDays');
    if (!idle) throw new Error('no idle-days input');
    idle.value = '45';
    idle.dispatchEvent(new Event('input'));
    idle.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    drawer.querySelector<HTMLButtonElement>('button.save')?.click();

    const put = backend.expectOne('/api/settings/alerts');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      signedNoLandMonths: 6,
      landNotStartedMonths: 6,
      constructionMonths: 24,
      idleDays: 45,
      version: 4,
    });
    put.flush({ ...put.request.body, version: 5 });
    await fixture.whenStable();
    expect(fixture.componentInstance.open()).toBe(false);
  });

  it('keeps the drawer open on a 409 and shows the Ns as someone else saved them', async () => {
    backend = await setUp([], officeUser());
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    backend.expectOne('/api/settings/alerts').flush({
      signedNoLandMonths: 6,
      landNotStartedMonths: 6,
      constructionMonths: 24,
      idleDays: 30,
      version: 4,
    });
    await fixture.whenStable();
    const drawer = document.querySelector('.ant-drawer-content') as HTMLElement;
    drawer.querySelector<HTMLButtonElement>('button.save')?.click();
    backend.expectOne('/api/settings/alerts').flush(
      {
        statusCode: 409,
        message: '预警设置已被他人修改，请刷新后再试 / Someone else changed this record; reload it and try again',
        current: { signedNoLandMonths: 9, landNotStartedMonths: 6, constructionMonths: 24, idleDays: 30, version: 5 },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(fixture.componentInstance.open()).toBe(true);
    expect(text(drawer.querySelector('nz-alert'))).toContain('预警设置已被他人修改');
    expect(drawer.querySelector<HTMLInputElement>('#alert-signedNoLandMonths')?.value).toBe('9');

    drawer.querySelector<HTMLButtonElement>('button.save')?.click();
    const again = backend.expectOne('/api/settings/alerts');
    expect(again.request.body.version).toBe(5);
    again.flush(again.request.body);
    await fixture.whenStable();
  });
});
