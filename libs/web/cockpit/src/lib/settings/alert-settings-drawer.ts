import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ALERT_SETTING_LIMITS, type AlertSettingsView, type AlertThresholds } from '@crm/domain';
import {
  I18nService,
  TranslatePipe,
  apiErrorText,
  staleCurrent,
  type MessageKey,
} from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { CockpitApi } from '../data-access/cockpit.api';

type SettingKey = keyof AlertThresholds;

const FIELDS: { key: SettingKey; label: MessageKey; unit: MessageKey }[] = [
  {
    key: 'signedNoLandMonths',
    label: 'cockpit.settings.signedNoLand',
    unit: 'cockpit.settings.months',
  },
  {
    key: 'landNotStartedMonths',
    label: 'cockpit.settings.landNotStarted',
    unit: 'cockpit.settings.months',
  },
  {
    key: 'constructionMonths',
    label: 'cockpit.settings.construction',
    unit: 'cockpit.settings.months',
  },
  {
    key: 'idleDays',
    label: 'cockpit.settings.idle',
    unit: 'cockpit.settings.days',
  },
];

/** 预警设置: the office sets N for each alert; the cockpit and the chain pages count by them. */
@Component({
  selector: 'crm-alert-settings-drawer',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzDrawerModule,
    NzFormModule,
    NzInputNumberModule,
    NzSkeletonModule,
    TranslatePipe,
  ],
  template: `
    <nz-drawer
      [nzVisible]="open()"
      [nzTitle]="'cockpit.settings.title' | t"
      [nzWidth]="drawerWidth"
      [nzFooter]="footer"
      (nzOnClose)="closed.emit()"
    >
      <ng-container *nzDrawerContent>
        <p class="hint">{{ 'cockpit.settings.hint' | t }}</p>
        @if (draft(); as d) {
          <form
            nz-form
            nzLayout="vertical"
            class="settings-form"
            (ngSubmit)="save()"
          >
            @for (f of fields; track f.key) {
              <nz-form-item>
                <nz-form-label [nzFor]="'alert-' + f.key">{{
                  f.label | t
                }}</nz-form-label>
                <nz-form-control [nzExtra]="rangeText(f.key, f.unit)">
                  <nz-input-number
                    [nzId]="'alert-' + f.key"
                    [nzMin]="limits[f.key].min"
                    [nzMax]="limits[f.key].max"
                    [nzStep]="1"
                    [nzPrecision]="0"
                    [ngModel]="d[f.key]"
                    (ngModelChange)="set(f.key, $event)"
                    [name]="f.key"
                  />
                </nz-form-control>
              </nz-form-item>
            }
          </form>
        } @else if (!error()) {
          <nz-skeleton nzActive />
        }
        @if (error()) {
          <nz-alert nzType="error" [nzMessage]="error()" nzShowIcon />
        }
      </ng-container>
      <ng-template #footer>
        <div class="footer">
          <button nz-button (click)="closed.emit()">
            {{ 'common.cancel' | t }}
          </button>
          <button
            nz-button
            nzType="primary"
            class="save"
            [nzLoading]="saving()"
            [disabled]="!valid()"
            (click)="save()"
          >
            {{ 'common.save' | t }}
          </button>
        </div>
      </ng-template>
    </nz-drawer>
  `,
  styles: `
    .hint {
      margin: 0 0 16px;
      color: rgba(0, 0, 0, 0.55);
    }
    nz-input-number {
      width: 160px;
    }
    .footer {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertSettingsDrawer {
  readonly open = input(false);
  readonly closed = output<void>();

  private readonly api = inject(CockpitApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  protected readonly fields = FIELDS;
  protected readonly limits = ALERT_SETTING_LIMITS;
  /** The full width of a phone, a side panel on a desk. */
  protected readonly drawerWidth =
    typeof window !== 'undefined' && window.innerWidth < 480 ? '100%' : 420;
  protected readonly draft = signal<AlertSettingsView | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly valid = computed(() => {
    const d = this.draft();
    return (
      d !== null &&
      FIELDS.every(({ key }) => {
        const v = d[key];
        return (
          Number.isInteger(v) &&
          v >= this.limits[key].min &&
          v <= this.limits[key].max
        );
      })
    );
  });

  constructor() {
    effect(() => {
      if (this.open()) this.load();
    });
  }

  private load(): void {
    this.draft.set(null);
    this.error.set('');
    this.api.alertSettings().subscribe({
      next: (settings) => this.draft.set({ ...settings }),
      error: (error: unknown) => this.error.set(apiErrorText(error, this.i18n)),
    });
  }

  protected set(key: SettingKey, value: number | null): void {
    this.draft.update((d) => (d ? { ...d, [key]: value ?? NaN } : d));
  }

  protected rangeText(key: SettingKey, unit: MessageKey): string {
    const l = this.limits[key];
    return this.i18n.t('cockpit.settings.range', {
      min: l.min,
      max: l.max,
      default: l.default,
      unit: this.i18n.t(unit),
    });
  }

  protected save(): void {
    const d = this.draft();
    if (!d || !this.valid() || this.saving()) return;
    this.saving.set(true);
    this.error.set('');
    this.api.saveAlertSettings(d).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.draft.set({ ...saved });
        this.message.success(this.i18n.t('cockpit.settings.saved'));
        this.closed.emit();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(apiErrorText(error, this.i18n));
        // Someone else saved first (409): the form shows the Ns as they are now, nothing overwritten.
        const current = staleCurrent<AlertSettingsView>(error);
        if (current) this.draft.set({ ...current });
      },
    });
  }
}
