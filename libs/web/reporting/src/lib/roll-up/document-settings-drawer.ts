import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { documentNumber, type DocumentSettingKey, type DocumentSettingView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, httpStatus, type MessageKey } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { forkJoin } from 'rxjs';
import { DocumentSettingsApi } from '../data-access/document-settings.api';

const LABELS: Record<DocumentSettingKey, MessageKey> = {
  issuer: 'reporting.documents.issuer',
  'number-prefix': 'reporting.documents.numberPrefix',
  signer: 'reporting.documents.signer',
};

/**
 * 公文设置: the office sets what the bulletin's Word file prints — the issuing body (letterhead),
 * the abbreviation in its document number (格招商办〔2025〕3号) and the signature. A setting someone
 * else changed meanwhile is shown as it is now (409), with nothing overwritten.
 */
@Component({
  selector: 'crm-document-settings-drawer',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzDrawerModule, NzFormModule, NzInputModule, NzSkeletonModule, TranslatePipe],
  template: `
    <nz-drawer [nzVisible]="open()" [nzTitle]="'reporting.documents.title' | t" [nzWidth]="drawerWidth" [nzFooter]="footer" (nzOnClose)="closed.emit()">
      <ng-container *nzDrawerContent>
        <p class="hint">{{ 'reporting.documents.hint' | t }}</p>
        @if (settings(); as list) {
          <form nz-form nzLayout="vertical" class="document-settings-form" (ngSubmit)="save()">
            @for (s of list; track s.key) {
              <nz-form-item>
                <nz-form-label [nzFor]="'document-' + s.key">{{ labels[s.key] | t }}</nz-form-label>
                <nz-form-control [nzExtra]="'reporting.documents.limit' | t: { max: s.maxLength, count: length(s.key) }">
                  <input
                    nz-input
                    [id]="'document-' + s.key"
                    [name]="s.key"
                    [maxlength]="s.maxLength"
                    [ngModel]="draft()[s.key]"
                    (ngModelChange)="set(s.key, $event)"
                  />
                </nz-form-control>
              </nz-form-item>
            }
            <p class="sample">{{ 'reporting.documents.sample' | t: { number: sample() } }}</p>
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
          <button nz-button (click)="closed.emit()">{{ 'common.cancel' | t }}</button>
          <button nz-button nzType="primary" class="save" [nzLoading]="saving()" [disabled]="!valid()" (click)="save()">
            {{ 'common.save' | t }}
          </button>
        </div>
      </ng-template>
    </nz-drawer>
  `,
  styles: `
    .hint,
    .sample {
      margin: 0 0 16px;
      color: rgba(0, 0, 0, 0.55);
    }
    .footer {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentSettingsDrawer {
  readonly open = input(false);
  readonly closed = output<void>();

  private readonly api = inject(DocumentSettingsApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  protected readonly labels = LABELS;
  /** The full width of a phone, a side panel on a desk. */
  protected readonly drawerWidth = typeof window !== 'undefined' && window.innerWidth < 480 ? '100%' : 420;
  protected readonly settings = signal<DocumentSettingView[] | null>(null);
  protected readonly draft = signal<Partial<Record<DocumentSettingKey, string>>>({});
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly valid = computed(() => {
    const list = this.settings();
    const d = this.draft();
    return !!list && list.every((s) => {
      const v = (d[s.key] ?? '').trim();
      return v.length > 0 && [...v].length <= s.maxLength;
    });
  });
  protected readonly sample = computed(() =>
    documentNumber((this.draft()['number-prefix'] ?? '').trim() || '—', new Date().getFullYear(), 1),
  );

  constructor() {
    effect(() => {
      if (this.open()) this.load();
    });
  }

  protected length(key: DocumentSettingKey): number {
    return [...(this.draft()[key] ?? '')].length;
  }

  protected set(key: DocumentSettingKey, value: string): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
  }

  private load(): void {
    this.settings.set(null);
    this.error.set('');
    this.api.list().subscribe({
      next: (list) => this.show(list),
      error: (error: unknown) => this.error.set(apiErrorText(error, this.i18n)),
    });
  }

  private show(list: DocumentSettingView[]): void {
    this.settings.set(list);
    this.draft.set(Object.fromEntries(list.map((s) => [s.key, s.value])));
  }

  protected save(): void {
    const list = this.settings();
    if (!list || !this.valid() || this.saving()) return;
    const changed = list.filter((s) => (this.draft()[s.key] ?? '').trim() !== s.value);
    if (!changed.length) {
      this.closed.emit();
      return;
    }
    this.saving.set(true);
    this.error.set('');
    forkJoin(changed.map((s) => this.api.save(s.key, (this.draft()[s.key] ?? '').trim(), s.version))).subscribe({
      next: () => {
        this.saving.set(false);
        this.message.success(this.i18n.t('reporting.documents.saved'));
        this.closed.emit();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(apiErrorText(error, this.i18n));
        // Someone saved first: show the settings as they are now; what was typed is not sent again.
        if (httpStatus(error) === 409) this.api.list().subscribe((fresh) => this.show(fresh));
      },
    });
  }
}
