import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { CONTACT_TEXT_LIMITS as L, EMAIL_PATTERN, MOBILE_PATTERN, type ContactView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { firstValueFrom } from 'rxjs';
import { fieldProblems } from '../data-access/api-problems';
import { InvestorsApi } from '../data-access/investors.api';

/** Spaces and dashes typed inside a number are dropped, as the API does. */
export const mobileDigits = (value: string): string => value.replace(/[\s-]/g, '');

/**
 * 联系人 form: new (for the firm given) or an edit. On an edit the mobile shows masked
 * (138****1234); 显示号码 asks the API for the full number (audited there) and only then can it be
 * changed. A person's data is personal data: the form says so.
 */
@Component({
  selector: 'crm-contact-form',
  imports: [NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, ReactiveFormsModule, TranslatePipe],
  template: `
    <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="submit()" novalidate class="contact-form">
      <p class="privacy">{{ 'investors.contact.privacy' | t }}</p>
      <nz-form-item>
        <nz-form-label nzFor="contact-name" nzRequired>{{ 'investors.contact.name' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['name'] ? 'error' : ''" [nzErrorTip]="errors()['name']">
          <input nz-input id="contact-name" formControlName="name" [attr.maxlength]="limits.name" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="contact-title">{{ 'investors.contact.title' | t }}</nz-form-label>
        <nz-form-control>
          <input nz-input id="contact-title" formControlName="title" [attr.maxlength]="limits.title" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="contact-mobile">{{ 'investors.contact.mobile' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['mobile'] ? 'error' : ''" [nzErrorTip]="errors()['mobile']">
          @if (masked(); as shown) {
            <span class="mobile-masked">{{ shown }}</span>
            <button nz-button nzType="link" type="button" class="reveal" [nzLoading]="revealing()" (click)="reveal()">
              {{ 'investors.contact.reveal' | t }}
            </button>
          } @else {
            <input nz-input id="contact-mobile" formControlName="mobile" inputmode="tel" maxlength="13" />
          }
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="contact-landline">{{ 'investors.contact.landline' | t }}</nz-form-label>
        <nz-form-control>
          <input nz-input id="contact-landline" formControlName="landline" [attr.maxlength]="limits.landline" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="contact-wechat">{{ 'investors.contact.wechat' | t }}</nz-form-label>
        <nz-form-control>
          <input nz-input id="contact-wechat" formControlName="wechat" [attr.maxlength]="limits.wechat" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="contact-email">{{ 'investors.contact.email' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['email'] ? 'error' : ''" [nzErrorTip]="errors()['email']">
          <input nz-input id="contact-email" type="email" formControlName="email" [attr.maxlength]="limits.email" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="contact-notes">{{ 'investors.contact.notes' | t }}</nz-form-label>
        <nz-form-control>
          <textarea nz-input id="contact-notes" rows="2" formControlName="notes" [attr.maxlength]="limits.notes"></textarea>
        </nz-form-control>
      </nz-form-item>
      @if (failure(); as text) {
        <nz-alert class="failure" nzType="error" nzShowIcon role="alert" [nzMessage]="text" />
      }
      <button nz-button nzType="primary" type="submit" class="save-contact" [nzLoading]="saving()">
        {{ 'investors.contact.save' | t }}
      </button>
    </form>
  `,
  styles: `
    .privacy {
      color: rgba(0, 0, 0, 0.55);
      font-size: 12px;
    }
    .mobile-masked {
      font-variant-numeric: tabular-nums;
    }
    .failure {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactForm {
  private readonly api = inject(InvestorsApi);
  private readonly i18n = inject(I18nService);

  /** The firm a new contact works at. */
  readonly enterpriseId = input.required<string>();
  /** The contact to edit; null: a new one. */
  readonly contact = input<ContactView | null>(null);
  readonly saved = output<ContactView>();

  protected readonly limits = L;
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly saving = signal(false);
  protected readonly revealing = signal(false);
  /** The masked number while the full one has not been asked for; null once revealed (or none). */
  protected readonly masked = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    title: [''],
    mobile: [''],
    landline: [''],
    wechat: [''],
    email: [''],
    notes: [''],
  });

  constructor() {
    effect(() => {
      const c = this.contact();
      this.masked.set(c?.mobileMasked ?? null);
      this.form.reset({
        name: c?.name ?? '',
        title: c?.title ?? '',
        mobile: '',
        landline: c?.landline ?? '',
        wechat: c?.wechat ?? '',
        email: c?.email ?? '',
        notes: c?.notes ?? '',
      });
    });
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  /** Asks for the full number (the API audits it), then lets it be edited. */
  protected async reveal(): Promise<void> {
    const c = this.contact();
    if (!c || this.revealing()) return;
    this.revealing.set(true);
    try {
      const shown = await firstValueFrom(this.api.revealMobile(c.id));
      this.form.controls.mobile.setValue(shown.mobile ?? '');
      this.masked.set(null);
    } catch (error) {
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.revealing.set(false);
    }
  }

  private check(): Record<string, string> {
    const v = this.form.getRawValue();
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors['name'] = this.i18n.t('investors.contact.nameRequired');
    if (this.masked() === null && v.mobile.trim() && !MOBILE_PATTERN.test(mobileDigits(v.mobile))) {
      errors['mobile'] = this.i18n.t('investors.contact.badMobile');
    }
    if (v.email.trim() && !EMAIL_PATTERN.test(v.email.trim())) errors['email'] = this.i18n.t('investors.contact.badEmail');
    return errors;
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    const errors = this.check();
    this.errors.set(errors);
    this.failure.set('');
    if (Object.keys(errors).length) return;
    const v = this.form.getRawValue();
    const orNull = (s: string) => s.trim() || null;
    const fields = {
      name: v.name.trim(),
      title: orNull(v.title),
      landline: orNull(v.landline),
      wechat: orNull(v.wechat),
      email: orNull(v.email),
      notes: orNull(v.notes),
      // A masked number was not touched: it is left as it is.
      ...(this.masked() === null ? { mobile: orNull(mobileDigits(v.mobile)) } : {}),
    };
    this.saving.set(true);
    try {
      const c = this.contact();
      const saved = await firstValueFrom(
        c
          ? this.api.updateContact(c.id, { ...fields, version: c.version })
          : this.api.createContact({ enterpriseId: this.enterpriseId(), ...fields }),
      );
      this.form.markAsPristine();
      this.saved.emit(saved);
    } catch (error) {
      this.errors.set(fieldProblems(error, this.i18n.lang()));
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.saving.set(false);
    }
  }
}
