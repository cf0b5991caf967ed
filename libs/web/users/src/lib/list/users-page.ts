import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  PASSWORD_MIN_LENGTH,
  type PersonView,
  type UnitView,
  type UserView,
} from '@crm/domain';
import {
  AuthService,
  I18nService,
  TranslatePipe,
  apiErrorText,
  httpStatus,
  roleLabelKey,
} from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { map } from 'rxjs';
import { copyText } from '../data-access/clipboard';
import { generatePassword } from '../data-access/generate-password';
import { CreatedUser, UsersApi } from '../data-access/users.api';
import { UserForm } from '../form/user-form';
import { HasUnsavedChanges, LoadStateView, warnBeforeUnload } from '@crm/web/ui';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready' };

/** The drawer: closed, creating a user, or editing one. */
type Editing = { user: UserView | null } | null;

interface PasswordReset {
  user: UserView;
  password: string;
  saving: boolean;
  error: unknown;
}

/** 用户管理 (admins): accounts, their roles and links, locks, password resets. */
@Component({
  selector: 'crm-users-page',
  imports: [
    LoadStateView,
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzBadgeModule,
    NzButtonModule,
    NzCardModule,
    NzDrawerModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzPopconfirmModule,
    NzTableModule,
    NzTagModule,
    TranslatePipe,
    UserForm,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage implements HasUnsavedChanges {
  private readonly api = inject(UsersApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly auth = inject(AuthService);

  protected readonly me = computed(() => this.auth.user()?.id);
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 767.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly roleKey = roleLabelKey;
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly users = signal<UserView[]>([]);
  protected readonly units = signal<UnitView[]>([]);
  protected readonly people = signal<PersonView[]>([]);
  protected readonly referenceFailed = signal(false);
  protected readonly query = signal('');
  /** The ids of rows with an action under way, so their buttons show it. */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  protected readonly editing = signal<Editing>(null);
  protected readonly reset = signal<PasswordReset | null>(null);
  protected readonly created = signal<CreatedUser | null>(null);

  private readonly unitNames = computed(
    () => new Map(this.units().map((unit) => [unit.id, unit.name])),
  );
  private readonly personNames = computed(
    () => new Map(this.people().map((person) => [person.id, person.name])),
  );
  protected readonly filtered = computed(() => {
    const query = this.query().trim().toLowerCase();
    const users = this.users();
    return query
      ? users.filter(
          (user) =>
            user.username.toLowerCase().includes(query) ||
            user.displayName.toLowerCase().includes(query),
        )
      : users;
  });
  protected readonly counts = computed(() => ({
    count: this.users().length,
    inactive: this.users().filter((user) => !user.active).length,
  }));
  protected readonly resetErrorText = computed(() => {
    const error = this.reset()?.error;
    return error ? apiErrorText(error, this.i18n) : '';
  });

  private readonly userForm = viewChild(UserForm);

  hasUnsavedChanges(): boolean {
    return this.userForm()?.hasUnsavedChanges() ?? false;
  }

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    this.load();
    this.loadReference();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (users) => {
          this.users.set(users);
          this.state.set({ status: 'ready' });
        },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  private loadReference(): void {
    this.api
      .units()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (units) => this.units.set(units),
        error: () => this.referenceFailed.set(true),
      });
    this.api
      .people()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (people) => this.people.set(people),
        error: () => this.referenceFailed.set(true),
      });
  }

  protected unitName(id: number | null): string {
    return id === null ? '' : (this.unitNames().get(id) ?? `#${id}`);
  }

  protected personName(id: number | null): string {
    return id === null ? '' : (this.personNames().get(id) ?? `#${id}`);
  }

  protected isBusy(user: UserView): boolean {
    return this.busy().has(user.id);
  }

  protected openCreate(): void {
    this.editing.set({ user: null });
  }

  protected openEdit(user: UserView): void {
    this.editing.set({ user });
  }

  protected closeDrawer(): void {
    this.editing.set(null);
  }

  protected drawerTitle(): string {
    const user = this.editing()?.user;
    return user
      ? this.i18n.t('users.form.editTitle', { name: user.displayName })
      : this.i18n.t('users.form.createTitle');
  }

  protected onSaved(result: CreatedUser): void {
    const isNew = !this.users().some((user) => user.id === result.user.id);
    this.replace(result.user);
    this.editing.set(null);
    if (isNew) {
      this.message.success(
        this.i18n.t('users.created', { name: result.user.displayName }),
      );
      if (result.initialPassword) {
        this.created.set(result);
      }
    } else {
      this.message.success(
        this.i18n.t('users.saved', { name: result.user.displayName }),
      );
    }
  }

  /** 结束登录: the user signs in again everywhere (remembered devices too). */
  protected endSessions(user: UserView): void {
    this.busy.update((ids) => new Set(ids).add(user.id));
    this.api
      .endSessions(user.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ ended }) => {
          this.busy.update((ids) => new Set([...ids].filter((id) => id !== user.id)));
          this.message.success(this.i18n.t('users.sessionsEnded', { name: user.displayName, count: ended }));
        },
        error: (error: unknown) => {
          this.busy.update((ids) => new Set([...ids].filter((id) => id !== user.id)));
          if (httpStatus(error) !== 403) this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }

  protected unlock(user: UserView): void {
    this.run(user, this.api.unlock(user.id), 'users.unlocked');
  }

  protected setActive(user: UserView, active: boolean): void {
    this.run(
      user,
      this.api.update(user.id, { active }),
      active ? 'users.activated' : 'users.deactivated',
    );
  }

  protected openReset(user: UserView): void {
    this.reset.set({
      user,
      password: generatePassword(),
      saving: false,
      error: null,
    });
  }

  protected setResetPassword(password: string): void {
    this.reset.update((reset) => reset && { ...reset, password, error: null });
  }

  protected regenerate(): void {
    this.setResetPassword(generatePassword());
  }

  protected resetTooShort(): boolean {
    return (this.reset()?.password.length ?? 0) < PASSWORD_MIN_LENGTH;
  }

  protected confirmReset(): void {
    const reset = this.reset();
    if (!reset || reset.saving || this.resetTooShort()) {
      return;
    }
    this.reset.set({ ...reset, saving: true, error: null });
    this.api
      .update(reset.user.id, { password: reset.password })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (user) => {
          this.replace(user);
          this.reset.set(null);
          this.message.success(
            this.i18n.t('users.reset.done', { name: user.displayName }),
          );
        },
        error: (error: unknown) =>
          this.reset.update(
            (current) => current && { ...current, saving: false, error },
          ),
      });
  }

  protected closeReset(): void {
    this.reset.set(null);
  }

  protected closeCreated(): void {
    this.created.set(null);
  }

  protected async copy(text: string): Promise<void> {
    if (await copyText(text)) {
      this.message.success(this.i18n.t('common.copied'));
    } else {
      this.message.warning(this.i18n.t('common.copyFailed'));
    }
  }

  private run(
    user: UserView,
    request: ReturnType<UsersApi['unlock']>,
    done: 'users.unlocked' | 'users.activated' | 'users.deactivated',
  ): void {
    this.busy.update((ids) => new Set(ids).add(user.id));
    const settle = () =>
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(user.id);
        return next;
      });
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (updated) => {
        settle();
        this.replace(updated);
        this.message.success(this.i18n.t(done, { name: updated.displayName }));
      },
      error: (error: unknown) => {
        settle();
        // 403 is already announced by the interceptor.
        if (httpStatus(error) !== 403) {
          this.message.error(apiErrorText(error, this.i18n));
        }
      },
    });
  }

  private replace(user: UserView): void {
    this.users.update((users) => {
      const index = users.findIndex((u) => u.id === user.id);
      if (index === -1) {
        return [...users, user].sort((a, b) =>
          a.username.localeCompare(b.username),
        );
      }
      const next = [...users];
      next[index] = user;
      return next;
    });
  }
}
