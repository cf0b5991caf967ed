import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { RememberedDeviceView } from '@crm/domain';
import { AuthService, I18nService, SIGN_IN_URL, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { RememberedDevicesApi } from './remembered-devices.api';

/** The first 16 characters of an ISO instant in Asia/Shanghai: "2040-05-31 10:00". */
function shanghaiDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

type State = { status: 'loading' } | { status: 'error'; text: string } | { status: 'ready'; devices: RememberedDeviceView[] };

/**
 * 记住的设备 on the account page: the devices where the user chose 记住此设备, until when each
 * stays signed in, and 移除 to end one (removing this device signs out here).
 */
@Component({
  selector: 'crm-remembered-devices',
  imports: [NzButtonModule, NzCardModule, NzTagModule, TranslatePipe],
  template: `
    <nz-card class="devices" [nzTitle]="title">
      <ng-template #title><h2 class="title">{{ 'devices.title' | t }}</h2></ng-template>
      @switch (state().status) {
        @case ('loading') {
          <p class="muted" role="status">{{ 'devices.loading' | t }}</p>
        }
        @case ('error') {
          <p class="error" role="alert">{{ errorText() }}</p>
          <button nz-button type="button" class="retry" (click)="load()">{{ 'common.retry' | t }}</button>
        }
        @case ('ready') {
          <ul class="list">
            @for (d of devices(); track d.id) {
              <li class="device">
                <div class="what">
                  <strong>{{ d.device }}</strong>
                  @if (d.current) {
                    <nz-tag nzColor="blue">{{ 'devices.current' | t }}</nz-tag>
                  }
                  <div class="muted">
                    {{ 'devices.when' | t: { signedIn: at(d.signedInAt), lastSeen: at(d.lastSeenAt), until: at(d.expiresAt) } }}
                  </div>
                </div>
                <button
                  nz-button
                  nzDanger
                  type="button"
                  class="remove"
                  [nzLoading]="removing() === d.id"
                  [attr.aria-label]="('devices.remove' | t) + ' ' + d.device"
                  (click)="remove(d)"
                >
                  {{ 'devices.remove' | t }}
                </button>
              </li>
            } @empty {
              <li class="muted none">{{ 'devices.none' | t }}</li>
            }
          </ul>
        }
      }
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 16px;
    }
    .title {
      font-size: 16px;
      margin: 0;
    }
    .list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .device {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      padding: 8px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .muted {
      color: rgba(0, 0, 0, 0.65);
      font-size: 13px;
    }
    .error {
      color: #a8071a;
    }
    button {
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RememberedDevices {
  private readonly api = inject(RememberedDevicesApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  protected readonly state = signal<State>({ status: 'loading' });
  protected readonly removing = signal<string | null>(null);
  protected readonly at = shanghaiDateTime;

  constructor() {
    void this.load();
  }

  protected devices(): RememberedDeviceView[] {
    const state = this.state();
    return state.status === 'ready' ? state.devices : [];
  }

  protected errorText(): string {
    const state = this.state();
    return state.status === 'error' ? state.text : '';
  }

  protected async load(): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      this.state.set({ status: 'ready', devices: await firstValueFrom(this.api.list()) });
    } catch (error) {
      this.state.set({ status: 'error', text: apiErrorText(error, this.i18n) });
    }
  }

  protected async remove(device: RememberedDeviceView): Promise<void> {
    this.removing.set(device.id);
    try {
      await firstValueFrom(this.api.remove(device.id));
      this.message.success(this.i18n.t('devices.removed', { device: device.device }));
      if (device.current) {
        // This device's session has ended: forget the user here and go to the sign-in page.
        await firstValueFrom(this.auth.signOut()).catch(() => undefined);
        void this.router.navigateByUrl(SIGN_IN_URL);
        return;
      }
      this.state.set({ status: 'ready', devices: this.devices().filter((d) => d.id !== device.id) });
    } catch (error) {
      this.message.error(apiErrorText(error, this.i18n));
    } finally {
      this.removing.set(null);
    }
  }
}
