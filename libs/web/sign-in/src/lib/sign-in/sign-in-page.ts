import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import {
  AuthService,
  CHANGE_PASSWORD_URL,
  HOME_URL,
  I18nService,
  Lang,
  TranslatePipe,
  apiErrorText,
  homeFor,
  safeReturnUrl,
} from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { map } from 'rxjs';

/**
 * /login, outside the layout: the only page that needs no session. In the initial download, so
 * light (issue 19 §2): ng-zorro's button and icons only; the form, the fields, the alert and the
 * language switch are plain elements in ng-zorro's classes (its form and input components would
 * bring its tooltip, overlay and date library along, ~150 KB before compression).
 */
@Component({
  selector: 'crm-sign-in-page',
  imports: [NzButtonModule, NzIconModule, ReactiveFormsModule, TranslatePipe],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly returnUrl = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => safeReturnUrl(params.get('returnUrl'))),
    ),
    { initialValue: safeReturnUrl(null) },
  );

  protected readonly lang = this.i18n.lang;
  protected readonly langOptions: { label: string; value: Lang }[] = [
    { label: '中文', value: 'zh-CN' },
    { label: 'English', value: 'en' },
  ];
  protected readonly passwordShown = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
    /** 记住此设备: the API honours it for leaders (a longer session, still bounded and revocable). */
    remember: [false],
  });
  protected readonly submitting = signal(false);
  private readonly failure = signal<unknown>(null);
  /** Re-read on a language switch: the API's message carries both languages. */
  protected readonly errorText = computed(() => {
    const failure = this.failure();
    return failure === null ? '' : apiErrorText(failure, this.i18n);
  });

  /** A field's 请输入… once the user has typed in it or tried to sign in without it. */
  protected showError(name: 'username' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && control.dirty;
  }

  protected useLang(lang: Lang): void {
    this.i18n.use(lang);
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
      }
      return;
    }
    const { username, password, remember } = this.form.getRawValue();
    this.submitting.set(true);
    this.failure.set(null);
    this.auth
      .signIn({ username: username.trim(), password, ...(remember ? { remember: true } : {}) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (user) => {
          this.submitting.set(false);
          // No page asked for: each role lands on its own home (leaders on the cockpit).
          const returnUrl = this.returnUrl();
          void this.router.navigateByUrl(
            user.mustChangePassword
              ? CHANGE_PASSWORD_URL
              : returnUrl === HOME_URL
                ? homeFor(user.roles)
                : returnUrl,
          );
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.failure.set(error);
          this.form.controls.password.reset('');
        },
      });
  }
}
