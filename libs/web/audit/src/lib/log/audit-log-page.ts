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
import { RouterLink } from '@angular/router';
import type {
  AuditAction,
  AuditChangeView,
  AuditFilterOptions,
  AuditLogEntryView,
  AuditProjectOption,
} from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText } from '@crm/web/core';
import { DateInput, LoadStateView } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, Subscription, debounceTime, distinctUntilChanged, switchMap } from 'rxjs';
import { AuditApi, AuditQuery } from '../data-access/audit.api';
import { AuditDiffTable } from '../diff/audit-diff-table';
import { SUMMARY_CHANGES, changeLine } from '../diff/audit-diff';

/** Entries per page; a full page means there may be more. */
export const AUDIT_PAGE_SIZE = 50;

/** Below this width the table's rows stack as cards (the phone layout). */
const NARROW = '(max-width: 767.98px)';

const ACTION_COLORS: Record<AuditAction, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  'stage-move': 'purple',
  'sign-in': 'default',
  lock: 'volcano',
  reveal: 'gold',
  export: 'cyan',
  anonymise: 'magenta',
  merge: 'geekblue',
  undo: 'orange',
};

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; hasMore: boolean };

/**
 * 审计日志 (office and admin): who changed what, when, in words — the person by name and unit,
 * the record by its name with a link, each change before → after — newest first, a page at a
 * time, filtered by project, person, unit, record type and days (Beijing time).
 */
@Component({
  selector: 'crm-audit-log-page',
  imports: [
    LoadStateView,
    DateInput,
    AuditDiffTable,
    DatePipe,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzCardModule,
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
  private readonly projectSearch = new Subject<string>();

  protected readonly projectId = signal<string | null>(null);
  protected readonly userId = signal<string | null>(null);
  protected readonly unitId = signal<number | null>(null);
  protected readonly entityType = signal<string | null>(null);
  /** Calendar days (YYYY-MM-DD) in Beijing time, as the API takes them. */
  protected readonly fromDay = signal('');
  protected readonly toDay = signal('');
  protected readonly badRange = computed(
    () => !!this.fromDay() && !!this.toDay() && this.toDay() < this.fromDay(),
  );

  protected readonly entries = signal<AuditLogEntryView[]>([]);
  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<unknown>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly narrow = signal(
    typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(NARROW).matches,
  );

  protected readonly options = signal<AuditFilterOptions>({ users: [], units: [], entityTypes: [] });
  protected readonly projects = signal<AuditProjectOption[]>([]);
  protected readonly searchingProjects = signal(false);
  /** The project chosen, kept among the options while another search runs. */
  private readonly chosenProject = signal<AuditProjectOption | null>(null);
  protected readonly projectOptions = computed(() => {
    const chosen = this.chosenProject();
    const found = this.projects();
    return chosen && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found;
  });
  protected readonly english = computed(() => this.i18n.lang() === 'en');
  protected readonly entityTypeOptions = computed(() =>
    this.options().entityTypes.map((t) => ({ value: t.type, label: this.english() ? t.en : t.zh })),
  );
  protected readonly userOptions = computed(() =>
    this.options().users.map((u) => ({
      value: u.id,
      label: u.unitName ? `${u.displayName}（${u.unitName}）` : u.displayName,
    })),
  );

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
      this.projectId() !== null ||
      this.userId() !== null ||
      this.unitId() !== null ||
      this.entityType() !== null ||
      !!this.fromDay() ||
      !!this.toDay(),
  );

  constructor() {
    this.search();
    this.api
      .filters()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (options) => this.options.set(options),
        // The log still shows; the filters offer nothing to choose.
        error: () => undefined,
      });
    this.projectSearch
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => {
          this.searchingProjects.set(true);
          return this.api.projects(q);
        }),
        takeUntilDestroyed(),
      )
      .subscribe({
        next: (projects) => {
          this.searchingProjects.set(false);
          this.projects.set(projects);
        },
        error: () => this.searchingProjects.set(false),
      });
    if (typeof window !== 'undefined' && window.matchMedia) {
      const query = window.matchMedia(NARROW);
      const listener = (event: MediaQueryListEvent) => this.narrow.set(event.matches);
      query.addEventListener?.('change', listener);
      this.destroyRef.onDestroy(() => query.removeEventListener?.('change', listener));
    }
  }

  protected searchProjects(q: string): void {
    if (q.trim()) {
      this.projectSearch.next(q.trim());
    }
  }

  protected setProject(projectId: string | null): void {
    this.projectId.set(projectId ?? null);
    this.chosenProject.set(this.projectOptions().find((p) => p.id === projectId) ?? null);
    this.search();
  }

  protected setUser(userId: string | null): void {
    this.userId.set(userId ?? null);
    this.search();
  }

  protected setUnit(unitId: number | null): void {
    this.unitId.set(unitId ?? null);
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
    this.projectId.set(null);
    this.chosenProject.set(null);
    this.userId.set(null);
    this.unitId.set(null);
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
          this.state.set({ status: 'ready', hasMore: entries.length === AUDIT_PAGE_SIZE });
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
        next: (more) => {
          this.loadingMore.set(false);
          this.entries.update((current) => [...current, ...more]);
          this.state.set({ status: 'ready', hasMore: more.length === AUDIT_PAGE_SIZE });
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

  protected entityLabel(entry: AuditLogEntryView): string {
    return this.english() ? entry.entityLabelEn : entry.entityLabel;
  }

  /** The first few changes as lines of words; the rest are in the expanded row. */
  protected summary(entry: AuditLogEntryView): string[] {
    return entry.changes
      .slice(0, SUMMARY_CHANGES)
      .map((change: AuditChangeView) => changeLine(change, this.english() ? change.labelEn : change.label));
  }

  protected hiddenChanges(entry: AuditLogEntryView): number {
    return Math.max(0, entry.changes.length - SUMMARY_CHANGES);
  }

  /** The record's own page, unless it is the project's (the project's name links there). */
  protected recordLink(entry: AuditLogEntryView): string | null {
    return entry.link && !(entry.projectId && entry.link === `/projects/${entry.projectId}` && entry.entityType !== 'project')
      ? entry.link
      : null;
  }

  protected hasMore(): boolean {
    const state = this.state();
    return state.status === 'ready' && state.hasMore;
  }

  private query(): AuditQuery {
    return {
      projectId: this.projectId() ?? undefined,
      userId: this.userId() ?? undefined,
      unitId: this.unitId() ?? undefined,
      entityType: this.entityType() ?? undefined,
      fromDay: this.fromDay() || undefined,
      toDay: this.toDay() || undefined,
      limit: AUDIT_PAGE_SIZE,
    };
  }
}
