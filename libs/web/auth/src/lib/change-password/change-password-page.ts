import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { Location } from '@angular/common';
import { Router } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@crm/domain';
import {
  AuthService,
  HOME_URL,
  I18nService,
  TranslatePipe,
  apiErrorText,
  apiFieldErrors,
} from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { RememberedDevices } from '../devices/remembered-devices';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/** The new password, twice, and different from the current one. */
function passwordsAgree(group: AbstractControl): ValidationErrors | null {
  const current = group.get('currentPassword')?.value as string;
  const next = group.get('newPassword')?.value as string;
  const confirm = group.get('confirm')?.value as string;
  const errors: ValidationErrors = {};
  if (next && current && next === current) {
    errors['sameAsCurrent'] = true;
  }
  if (confirm && next !== confirm) {
    errors['mismatch'] = true;
  }
  return Object.keys(errors).length ? errors : null;
}

/** /account/password: from the user menu, or forced after a generated or reset password. */
@Component({
  selector: 'crm-change-password-page',
  imports: [
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    ReactiveFormsModule,
    RememberedDevices,
    TranslatePipe,
  ],
  templateUrl: './change-password-page.html',
  styles: `
    :host {
      display: block;
      max-width: 560px;
    }
    h1 {
      margin: 0 0 16px;
      font-size: 22px;
      font-weight: 600;
    }
    .forced,
    .failure {
      margin-bottom: 16px;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  /** Only leaders may be remembered on a device (记住此设备): they see the list. */
  protected readonly isLeader = computed(() => this.auth.hasRole('leader'));
  protected readonly forced = computed(
    () => this.auth.user()?.mustChangePassword ?? false,
  );
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: [
        '',
        [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
      ],
      confirm: ['', Validators.required],
    },
    { validators: passwordsAgree },
  );
  protected readonly submitting = signal(false);
  private readonly failure = signal<unknown>(null);
  /** Messages the API gave per field, shown under the field until it is edited. */
  protected readonly serverErrors = signal<Partial<Record<Field, string>>>({});
  protected readonly errorText = computed(() => {
    const failure = this.failure();
    return failure === null ? '' : apiErrorText(failure, this.i18n);
  });

  constructor() {
    for (const name of ['currentPassword', 'newPassword'] as const) {
      this.form.controls[name].valueChanges
        .pipe(takeUntilDestroyed())
        .subscribe(() =>
          this.serverErrors.update((errors) => ({
            ...errors,
            [name]: undefined,
          })),
        );
    }
  }

  /** What is wrong with a field, in the interface language, once the user has touched it. */
  protected fieldError(name: Field): string {
    const control = this.form.controls[name];
    const server = this.serverErrors()[name];
    if (server) {
      return server;
    }
    if (!control.dirty && !control.touched) {
      return '';
    }
    const t = this.i18n.t;
    if (control.hasError('required')) {
      return t(
        name === 'currentPassword'
          ? 'password.currentRequired'
          : name === 'newPassword'
            ? 'password.newRequired'
            : 'password.confirmRequired',
      );
    }
    if (name === 'newPassword' && control.hasError('minlength')) {
      return t('password.tooShort', { min: PASSWORD_MIN_LENGTH });
    }
    if (name === 'newPassword' && this.form.hasError('sameAsCurrent')) {
      return t('password.sameAsCurrent');
    }
    if (name === 'confirm' && this.form.hasError('mismatch')) {
      return t('password.mismatch');
    }
    return '';
  }

  protected back(): void {
    this.location.back();
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        control.updateValueAndValidity();
      }
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitting.set(true);
    this.failure.set(null);
    this.auth
      .changePassword({ currentPassword, newPassword })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.message.success(this.i18n.t('password.changed'));
          void this.router.navigateByUrl(HOME_URL);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          const fields = apiFieldErrors(error, this.i18n.lang());
          this.serverErrors.set({
            currentPassword: fields['currentPassword'],
            newPassword: fields['newPassword'],
          });
          // A message that belongs to a field is shown there only.
          if (!fields['currentPassword'] && !fields['newPassword']) {
            this.failure.set(error);
          }
        },
      });
  }
}
