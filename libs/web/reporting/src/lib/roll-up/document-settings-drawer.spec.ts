import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DOCUMENT_SETTINGS, DOCUMENT_SETTING_KEYS, type DocumentSettingView } from '@crm/domain';
import { DocumentSettingsDrawer } from './document-settings-drawer';

@Component({
  imports: [DocumentSettingsDrawer],
  template: `<crm-document-settings-drawer [open]="open()" (closed)="closedCount = closedCount + 1" />`,
})
class Host {
  readonly open = signal(true);
  closedCount = 0;
}

const settings = (over: Partial<Record<string, Partial<DocumentSettingView>>> = {}): DocumentSettingView[] =>
  DOCUMENT_SETTING_KEYS.map((key) => ({
    key,
    ...DOCUMENT_SETTINGS[key],
    value: DOCUMENT_SETTINGS[key].default,
    version: 1,
    updatedAt: null,
    updatedBy: null,
    ...over[key],
  }));

describe('DocumentSettingsDrawer (公文设置)', () => {
  let http: HttpTestingController;

  async function open() {
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    http.expectOne('/api/document-settings').flush(settings());
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  const input = (key: string) => document.querySelector(`#document-${key}`) as HTMLInputElement;

  afterEach(() => http.verify());

  it('shows the settings in force and saves only what changed, with the version read', async () => {
    const fixture = await open();
    expect(input('issuer').value).toBe(DOCUMENT_SETTINGS.issuer.default);
    expect(document.body.textContent).toContain('格招商办〔');
    const prefix = input('number-prefix');
    prefix.value = '格招办';
    prefix.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    (document.querySelector('button.save') as HTMLButtonElement).click();
    const put = http.expectOne('/api/document-settings/number-prefix');
    expect(put.request.body).toEqual({ value: '格招办', version: 1 });
    put.flush(settings({ 'number-prefix': { value: '格招办', version: 2 } })[1]);
    fixture.detectChanges();
    expect(fixture.componentInstance.closedCount).toBe(1);
  });

  it('shows the settings as they are now when someone else saved first (409), sending nothing again', async () => {
    const fixture = await open();
    const issuer = input('issuer');
    issuer.value = '某某办公室';
    issuer.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    (document.querySelector('button.save') as HTMLButtonElement).click();
    http
      .expectOne('/api/document-settings/issuer')
      .flush({ statusCode: 409, message: '该公文设置已被他人修改，请刷新后再试 / This document setting was changed' }, { status: 409, statusText: 'Conflict' });
    http.expectOne('/api/document-settings').flush(settings({ issuer: { value: '格尔木市人民政府办公室', version: 3 } }));
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(input('issuer').value).toBe('格尔木市人民政府办公室');
    expect(document.body.textContent).toContain('已被他人修改');
    expect(fixture.componentInstance.closedCount).toBe(0);
  });
});
