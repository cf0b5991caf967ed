import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  PASSWORD_MIN_LENGTH,
  ROLES,
  type PersonView,
  type Role,
  type UnitView,
  type UserInput,
  type UserView,
} from '@crm/domain';
import {
  I18nService,
  TranslatePipe,
  apiErrorText,
  apiFieldErrors,
  roleLabelKey,
} from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule, NzCheckboxOption } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { Observable, map, startWith } from 'rxjs';
import { CreatedUser, UsersApi } from '../data-access/users.api';

/** The API's rule for usernames (CreateUserDto). */
const USERNAME = /^[A-Za-z0-9_.-]{3,60}$/;

const FIELDS = [
  'username',
  'displayName',
  'roles',
  'unitId',
  'personId',
  'password',
] as const;
type Field = (typeof FIELDS)[number];

/** Staff need a unit and leaders a person, as the API checks. */
function linksForRoles(group: AbstractControl): ValidationErrors | null {
  const roles = (group.get('roles')?.value ?? []) as Role[];
  const errors: ValidationErrors = {};
  if (roles.includes('staff') && group.get('unitId')?.value === null) {
    errors['unitRequired'] = true;
  }
  if (roles.includes('leader') && group.get('personId')?.value === null) {
    errors['personRequired'] = true;
  }
  return Object.keys(errors).length ? errors : null;
}

/** 新建/编辑用户, shown in the users page's drawer. Saves through the API itself. */
@Component({
  selector: 'crm-user-form',
  imports: [
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzSwitchModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './user-form.html',
  styleUrl: './user-form.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserForm implements OnInit {
  private readonly api = inject(UsersApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  /** The user to edit; null to create one. */
  readonly user = input<UserView | null>(null);
  readonly units = input<readonly UnitView[]>([]);
  readonly people = input<readonly PersonView[]>([]);
  readonly referenceFailed = input(false);
  /** The saved user; on creation also the generated password, if any. */
  readonly saved = output<CreatedUser>();

  /** Something typed or chosen in the drawer that is not saved yet. */
  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }
  readonly cancelled = output<void>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      username: ['', [Validators.required, Validators.pattern(USERNAME)]],
      displayName: ['', [Validators.required, Validators.maxLength(60)]],
      roles: [[] as Role[], Validators.required],
      unitId: [null as number | null],
      personId: [null as number | null],
      password: ['', Validators.minLength(PASSWORD_MIN_LENGTH)],
      active: [true],
    },
    { validators: linksForRoles },
  );
  protected readonly editing = computed(() => this.user() !== null);
  protected readonly roleOptions = computed<NzCheckboxOption[]>(() =>
    ROLES.map((role) => ({
      label: this.i18n.t(roleLabelKey(role)),
      value: role,
    })),
  );
  protected readonly roles = toSignal(
    this.form.controls.roles.valueChanges.pipe(
      startWith(this.form.controls.roles.value),
    ) as Observable<Role[]>,
    { requireSync: true },
  );
  protected readonly needsUnit = computed(() => this.roles().includes('staff'));
  protected readonly needsPerson = computed(() =>
    this.roles().includes('leader'),
  );
  protected readonly submitting = signal(false);
  /** After a first try to save, every problem shows, touched or not. */
  private readonly tried = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly serverErrors = signal<Partial<Record<Field, string>>>({});
  protected readonly errorText = computed(() => {
    const failure = this.failure();
    return failure === null ? '' : apiErrorText(failure, this.i18n);
  });

  constructor() {
    // A field the API complained about is cleared of the complaint once edited.
    for (const name of FIELDS) {
      const control: AbstractControl = this.form.controls[name];
      control.valueChanges
        .pipe(takeUntilDestroyed())
        .subscribe(() =>
          this.serverErrors.update((errors) =>
            errors[name] ? { ...errors, [name]: undefined } : errors,
          ),
        );
    }
  }

  ngOnInit(): void {
    const user = this.user();
    if (user) {
      this.form.reset({
        username: user.username,
        displayName: user.displayName,
        roles: [...user.roles],
        unitId: user.unitId,
        personId: user.personId,
        password: '',
        active: user.active,
      });
      this.form.controls.username.disable();
    }
  }

  protected personLabel(person: PersonView): string {
    return person.position ? `${person.name}（${person.position}）` : person.name;
  }

  /** What is wrong with a field, in the interface language, once the user has touched it. */
  protected fieldError(name: Field): string {
    const server = this.serverErrors()[name];
    if (server) {
      return server;
    }
    const control = this.form.controls[name];
    const shown = this.tried() || control.dirty || control.touched;
    const t = this.i18n.t;
    switch (name) {
      case 'username':
        if (!shown) return '';
        if (control.hasError('required')) return t('users.form.usernameRequired');
        if (control.hasError('pattern')) return t('users.form.usernamePattern');
        return '';
      case 'displayName':
        if (!shown) return '';
        if (control.hasError('required'))
          return t('users.form.displayNameRequired');
        if (control.hasError('maxlength'))
          return t('users.form.displayNameTooLong');
        return '';
      case 'roles':
        return shown && control.hasError('required')
          ? t('users.form.rolesRequired')
          : '';
      case 'unitId':
        return shown && this.form.hasError('unitRequired')
          ? t('users.form.unitRequired')
          : '';
      case 'personId':
        return shown && this.form.hasError('personRequired')
          ? t('users.form.personRequired')
          : '';
      case 'password':
        return shown && control.hasError('minlength')
          ? t('users.form.passwordTooShort', { min: PASSWORD_MIN_LENGTH })
          : '';
    }
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    this.tried.set(true);
    if (this.form.invalid) {
      return;
    }
    const value = this.form.getRawValue();
    // A unit or person only where the roles call for it; the API refuses neither, but keeps it.
    const unitId = value.roles.includes('staff') ? value.unitId : null;
    const personId = value.roles.includes('leader') ? value.personId : null;
    const user = this.user();
    const request: Observable<CreatedUser> = user
      ? this.api
          .update(user.id, {
            displayName: value.displayName.trim(),
            roles: value.roles,
            unitId,
            personId,
            active: value.active,
          })
          .pipe(map((updated) => ({ user: updated })))
      : this.api.create(this.createInput(value, unitId, personId));
    this.submitting.set(true);
    this.failure.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.form.markAsPristine();
        this.saved.emit(result);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        const fields = apiFieldErrors(error, this.i18n.lang());
        this.serverErrors.set(fields);
        this.failure.set(error);
      },
    });
  }

  private createInput(
    value: ReturnType<typeof this.form.getRawValue>,
    unitId: number | null,
    personId: number | null,
  ): UserInput {
    return {
      username: value.username.trim(),
      displayName: value.displayName.trim(),
      roles: value.roles,
      unitId,
      personId,
      active: value.active,
      ...(value.password ? { password: value.password } : {}),
    };
  }
}
