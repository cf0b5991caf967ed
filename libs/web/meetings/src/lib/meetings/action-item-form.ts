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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { ActionItemInput, ActionItemView, MeetingView, UnitView, UserView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, apiFieldErrors } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { forkJoin } from 'rxjs';
import { MeetingRights } from '../data-access/meeting-rights';
import { MeetingsApi } from '../data-access/meetings.api';
import { DateInput } from '@crm/web/ui';

/** The longest text the API takes. */
export const ITEM_TEXT_MAX = 2000;

type Field = 'text' | 'projectId' | 'ownerUnitId' | 'ownerUserId' | 'dueOn';

/**
 * 新增交办事项 of a meeting: what is to be done, the project it concerns (of the meeting's chains),
 * the owner unit and, if named, the person, and the date it is due.
 */
@Component({
  selector: 'crm-action-item-form',
  imports: [
    DateInput,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    TranslatePipe,
  ],
  templateUrl: './action-item-form.html',
  styles: `
    .row {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0 24px;
    }
    .date {
      width: 100%;
    }
    .failure {
      margin-bottom: 12px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    @media (max-width: 767.98px) {
      .row {
        grid-template-columns: 1fr;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionItemForm implements OnInit {
  private readonly api = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly rights = inject(MeetingRights);
  private readonly destroyRef = inject(DestroyRef);

  readonly meeting = input.required<MeetingView>();
  readonly units = input<readonly UnitView[]>([]);
  readonly created = output<ActionItemView>();
  readonly cancelled = output<void>();

  protected readonly textMax = ITEM_TEXT_MAX;
  protected readonly text = signal('');
  protected readonly projectId = signal<string | null>(null);
  protected readonly ownerUnitId = signal<number | null>(this.rights.isStaff() ? (this.rights.unit()?.id ?? null) : null);
  protected readonly ownerUserId = signal<string | null>(null);
  /** YYYY-MM-DD, '' until chosen. */
  protected readonly dueOn = signal('');

  /** Something typed or chosen for the item that is not added yet (the unit chosen for staff aside). */
  hasUnsavedChanges(): boolean {
    return !!(this.text().trim() || this.projectId() || this.ownerUserId() || this.dueOn());
  }

  protected readonly projects = signal<{ id: string; name: string }[]>([]);
  protected readonly projectsFailed = signal(false);
  /** Active users, for the office (GET /api/users is theirs); staff may name themselves. */
  private readonly users = signal<UserView[]>([]);
  protected readonly ownerOptions = computed(() => {
    const unitId = this.ownerUnitId();
    if (!unitId) return [];
    const listed = this.users()
      .filter((u) => u.active && u.unitId === unitId)
      .map((u) => ({ id: u.id, label: u.displayName }));
    const me = this.rights.userId();
    if (me && this.rights.unit()?.id === unitId && !listed.some((u) => u.id === me)) {
      listed.unshift({ id: me, label: this.rights.displayName() });
    }
    return listed;
  });

  /**
   * Units nobody would hear from (no active staff account): marked 无账号 in the picker, once the
   * office's user list is known, so nobody believes the unit was told.
   */
  protected readonly unitsWithoutAccounts = computed(() => {
    const users = this.users();
    if (!users.length) return new Set<number>();
    const served = new Set(users.filter((u) => u.active && u.roles.includes('staff') && u.unitId).map((u) => u.unitId));
    return new Set(this.units().filter((u) => !served.has(u.id)).map((u) => u.id));
  });
  protected readonly chosenUnitHasNoAccounts = computed(() => {
    const unitId = this.ownerUnitId();
    return !!unitId && !this.ownerUserId() && this.unitsWithoutAccounts().has(unitId);
  });

  protected readonly errors = signal<Partial<Record<Field, string>>>({});
  protected readonly failure = signal('');
  protected readonly saving = signal(false);

  /** The projects of the meeting's chains (and the office's users), once the meeting is known. */
  ngOnInit(): void {
    const chains = this.meeting().chains.map((c) => c.code);
    forkJoin(chains.map((chain) => this.api.listProjects(chain)))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (lists) => this.projects.set(lists.flat().map((p) => ({ id: p.id, name: p.name }))),
        error: () => this.projectsFailed.set(true),
      });
    if (this.rights.isOffice()) {
      this.api
        .listUsers()
        .pipe(takeUntilDestroyed(this.destroyRef))
        // Without the list the owner person stays optional; the unit is told.
        .subscribe({ next: (users) => this.users.set(users), error: () => undefined });
    }
  }

  protected setUnit(unitId: number | null): void {
    this.ownerUnitId.set(unitId ?? null);
    this.ownerUserId.set(null);
    this.clear('ownerUnitId');
  }

  protected clear(field: Field): void {
    if (this.errors()[field]) this.errors.update((e) => ({ ...e, [field]: undefined }));
  }

  protected submit(): void {
    if (this.saving()) return;
    const errors: Partial<Record<Field, string>> = {};
    if (!this.text().trim()) errors.text = this.i18n.t('meetings.itemForm.textRequired');
    if (!this.ownerUnitId()) errors.ownerUnitId = this.i18n.t('meetings.itemForm.unitRequired');
    if (!this.dueOn()) errors.dueOn = this.i18n.t('meetings.itemForm.dueRequired');
    this.errors.set(errors);
    this.failure.set('');
    if (Object.keys(errors).length) return;
    const body: ActionItemInput = {
      text: this.text().trim(),
      projectId: this.projectId(),
      ownerUnitId: this.ownerUnitId() as number,
      ownerUserId: this.ownerUserId(),
      dueOn: this.dueOn(),
    };
    this.saving.set(true);
    this.api
      .createActionItem(this.meeting().id, body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (item) => {
          this.saving.set(false);
          this.text.set('');
          this.projectId.set(null);
          this.ownerUserId.set(null);
          this.dueOn.set('');
          this.created.emit(item);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const fields = apiFieldErrors(error, this.i18n.lang());
          this.errors.set(fields as Partial<Record<Field, string>>);
          this.failure.set(apiErrorText(error, this.i18n));
        },
      });
  }
}
