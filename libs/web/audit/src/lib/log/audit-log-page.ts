import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AuditAction, AuditEntryView } from '@crm/domain';
import {
  AuthService,
  I18nService,
  MessageKey,
  TranslatePipe,
  apiErrorText,
} from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { AuditApi, AuditQuery } from '../data-access/audit.api';
import { AuditDiffTable } from '../diff/audit-diff-table';
import { DateInput, LoadStateView } from '@crm/web/ui';

/** Entries per page; a full page means there may be more. */
export const AUDIT_PAGE_SIZE = 50;

/** The record types the API writes today; others show under their own name. */
const KNOWN_ENTITY_TYPES = ['user', 'enterprise', 'project'] as const;

const ACTION_COLORS: Record<AuditAction, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  'stage-move': 'purple',
  'sign-in': 'default',
  lock: 'volcano',
};

interface UserOption {
  id: string;
  label: string;
}

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; hasMore: boolean };

/** 审计日志 (office and admin): who changed what, when; newest first, a page at a time. */
@Component({
  selector: 'crm-audit-log-page',
  imports: [
    LoadStateView,
    DateInput,
    AuditDiffTable,
    DatePipe,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzInputModule,
    NzIconModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    TranslatePipe,
  ],
  templateUrl: './audit-log-page.html',
  styleUrl: './audit-log-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly api = inject(AuditApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly userId = signal<string | null>(null);
  protected readonly entityType = signal<string | null>(null);
  /** Calendar days as the date inputs give them (YYYY-MM-DD), in the user's time zone. */
  protected readonly fromDay = signal('');
  protected readonly toDay = signal('');
  protected readonly badRange = computed(
    () => !!this.fromDay() && !!this.toDay() && this.toDay() < this.fromDay(),
  );

  protected readonly entries = signal<AuditEntryView[]>([]);
  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<unknown>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());

  /** Admins may list every user; the office knows the users it has seen in the log. */
  private readonly listedUsers = signal<UserOption[]>([]);
  private readonly seenUsers = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly userOptions = computed<UserOption[]>(() => {
    const options = new Map(
      this.listedUsers().map((option) => [option.id, option.label]),
    );
    for (const [id, username] of this.seenUsers()) {
      if (!options.has(id)) {
        options.set(id, username);
      }
    }
    return [...options]
      .map(([id, label]) => ({ id, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  });
  private readonly seenTypes = signal<ReadonlySet<string>>(new Set());
  protected readonly entityTypes = computed(() => [
    ...new Set<string>([...KNOWN_ENTITY_TYPES, ...this.seenTypes()]),
  ]);
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly moreErrorText = computed(() => {
    const error = this.moreError();
    return error ? apiErrorText(error, this.i18n) : '';
  });
  protected readonly filtered = computed(
    () =>
      this.userId() !== null ||
      this.entityType() !== null ||
      !!this.fromDay() ||
      !!this.toDay(),
  );

  constructor() {
    this.search();
    // GET /api/users is for admins only; the office is offered the users seen in the log.
    if (inject(AuthService).hasRole('admin')) {
      this.api
        .users()
        .pipe(takeUntilDestroyed())
        .subscribe({
          next: (users) =>
            this.listedUsers.set(
              users.map((user) => ({
                id: user.id,
                label: `${user.displayName}（${user.username}）`,
              })),
            ),
          // The filter still offers the users seen in the log.
          error: () => undefined,
        });
    }
  }

  protected setUser(userId: string | null): void {
    this.userId.set(userId ?? null);
    this.search();
  }

  protected setEntityType(entityType: string | null): void {
    this.entityType.set(entityType ?? null);
    this.search();
  }

  protected setFrom(day: string): void {
    this.fromDay.set(day ?? '');
    this.searchIfValid();
  }

  protected setTo(day: string): void {
    this.toDay.set(day ?? '');
    this.searchIfValid();
  }

  private searchIfValid(): void {
    if (!this.badRange()) {
      this.search();
    }
  }

  protected resetFilters(): void {
    this.userId.set(null);
    this.entityType.set(null);
    this.fromDay.set('');
    this.toDay.set('');
    this.search();
  }

  /** The first page for the current filters; an answer to an older query is dropped. */
  protected search(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.moreError.set(null);
    this.loadingMore.set(false);
    this.expanded.set(new Set());
    this.request = this.api
      .find(this.query())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (entries) => {
          this.entries.set(entries);
          this.remember(entries);
          this.state.set({
            status: 'ready',
            hasMore: entries.length === AUDIT_PAGE_SIZE,
          });
        },
        error: (error: unknown) => {
          this.entries.set([]);
          this.state.set({ status: 'error', error });
        },
      });
  }

  /** 加载更多: the entries older than the last one shown. */
  protected loadMore(): void {
    const entries = this.entries();
    const last = entries[entries.length - 1];
    if (!last || this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.request = this.api
      .find({ ...this.query(), beforeId: last.id })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (entries) => {
          this.loadingMore.set(false);
          this.entries.update((current) => [...current, ...entries]);
          this.remember(entries);
          this.state.set({
            status: 'ready',
            hasMore: entries.length === AUDIT_PAGE_SIZE,
          });
        },
        error: (error: unknown) => {
          this.loadingMore.set(false);
          this.moreError.set(error);
        },
      });
  }

  protected toggle(id: string, open: boolean): void {
    this.expanded.update((ids) => {
      const next = new Set(ids);
      if (open) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
  }

  protected actionKey(action: AuditAction): MessageKey {
    return `audit.action.${action}`;
  }

  protected actionColor(action: AuditAction): string {
    return ACTION_COLORS[action] ?? 'default';
  }

  protected entityLabel(type: string): string {
    return (KNOWN_ENTITY_TYPES as readonly string[]).includes(type)
      ? this.i18n.t(`audit.entity.${type as (typeof KNOWN_ENTITY_TYPES)[number]}`)
      : type;
  }

  protected hasMore(): boolean {
    const state = this.state();
    return state.status === 'ready' && state.hasMore;
  }

  private query(): AuditQuery {
    const from = localDay(this.fromDay());
    const to = localDay(this.toDay(), 1);
    return {
      userId: this.userId() ?? undefined,
      entityType: this.entityType() ?? undefined,
      from: from?.toISOString(),
      // The API's `to` is exclusive: up to the start of the day after the last one chosen.
      to: to?.toISOString(),
      limit: AUDIT_PAGE_SIZE,
    };
  }

  private remember(entries: AuditEntryView[]): void {
    const users = new Map(this.seenUsers());
    const types = new Set(this.seenTypes());
    for (const entry of entries) {
      if (entry.userId && entry.username && !users.has(entry.userId)) {
        users.set(entry.userId, entry.username);
      }
      types.add(entry.entityType);
    }
    this.seenUsers.set(users);
    this.seenTypes.set(types);
  }
}

/** The start of a day given as YYYY-MM-DD (plus `addDays`), local time; null if none. */
export function localDay(day: string, addDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match
    ? new Date(+match[1], +match[2] - 1, +match[3] + addDays)
    : null;
}
