import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { NotificationView } from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText, pickLanguage } from '@crm/web/core';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import {
  EMPTY,
  Subject,
  catchError,
  exhaustMap,
  filter,
  fromEvent,
  map,
  merge,
  timer,
} from 'rxjs';
import { SHANGHAI } from '../data-access/load-state';
import { notificationKindKey } from '../data-access/labels';
import { NotificationsApi } from '../data-access/notifications.api';

/** How often the unread count is asked for while the page is visible. */
export const BELL_REFRESH_MS = 60_000;

/** Kinds whose body is a person's own words (the office's comment), not a bilingual message. */
const VERBATIM_BODY = new Set(['report-returned', 'report-accepted']);

interface Item {
  view: NotificationView;
  title: string;
  body: string;
  kind: MessageKey | null;
}

/**
 * 通知 in the header: the unread count, refreshed every minute, on every navigation and when the
 * tab comes back into view (one request at a time); a drawer lists the latest, newest first.
 */
@Component({
  selector: 'crm-notification-bell',
  imports: [DatePipe, NzBadgeModule, NzButtonModule, NzDrawerModule, NzIconModule, NzSkeletonModule, TranslatePipe],
  templateUrl: './notification-bell.html',
  styleUrl: './notification-bell.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly refresh$ = new Subject<void>();

  protected readonly tz = SHANGHAI;
  protected readonly unread = signal(0);
  /** Bumped by every change made here; a count asked for under an older value is not applied. */
  private changes = 0;
  protected readonly open = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal('');
  private readonly views = signal<NotificationView[]>([]);
  protected readonly items = computed<Item[]>(() => {
    const lang = this.i18n.lang();
    return this.views().map((view) => ({
      view,
      title: pickLanguage(view.title, lang),
      body: VERBATIM_BODY.has(view.kind) ? view.body : pickLanguage(view.body, lang),
      kind: notificationKindKey(view.kind),
    }));
  });
  protected readonly label = computed(() =>
    this.unread()
      ? this.i18n.t('notice.bellUnread', { count: this.unread() })
      : this.i18n.t('notice.bell'),
  );

  constructor() {
    const visible = () => this.document.visibilityState !== 'hidden';
    merge(
      timer(0, BELL_REFRESH_MS),
      this.router.events.pipe(filter((event) => event instanceof NavigationEnd)),
      fromEvent(this.document, 'visibilitychange'),
      this.refresh$,
    )
      .pipe(
        filter(visible),
        // A slow answer is not asked for again meanwhile: requests never pile up.
        exhaustMap(() => {
          const asked = this.changes;
          return this.api.unreadCount().pipe(
            map((count) => ({ count, asked })),
            catchError(() => EMPTY),
          );
        }),
        takeUntilDestroyed(),
      )
      // A count asked for before a notice was marked read here (or before the server had it) is stale.
      .subscribe(({ count, asked }) => {
        if (asked === this.changes) this.unread.set(count);
      });
  }

  protected show(): void {
    this.open.set(true);
    this.loadList();
  }

  protected hide(): void {
    this.open.set(false);
  }

  protected loadList(): void {
    this.loading.set(true);
    this.error.set('');
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.loading.set(false);
          this.views.set(list.items);
          this.unread.set(list.unread);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.error.set(apiErrorText(error, this.i18n));
        },
      });
  }

  /** Marks it read and follows its link, if it has one inside the app. */
  protected choose(item: Item): void {
    const view = item.view;
    if (!view.readAt) {
      this.markLocally(view.id);
      this.api
        .markRead(view.id)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({ next: () => this.settled(), error: () => this.settled() });
    }
    if (view.link?.startsWith('/')) {
      this.open.set(false);
      void this.router.navigateByUrl(view.link);
    }
  }

  protected markRead(item: Item, event: Event): void {
    event.stopPropagation();
    this.choose({ ...item, view: { ...item.view, link: null } });
  }

  protected markAllRead(): void {
    const now = new Date().toISOString();
    this.views.update((views) => views.map((v) => (v.readAt ? v : { ...v, readAt: now })));
    this.unread.set(0);
    this.changes++;
    this.api
      .markAllRead()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: () => this.settled(), error: () => this.loadList() });
  }

  /** The server has the change (or refused it): counts asked for before are stale; ask again. */
  private settled(): void {
    this.changes++;
    this.refresh$.next();
  }

  private markLocally(id: string): void {
    this.changes++;
    const now = new Date().toISOString();
    this.views.update((views) => views.map((v) => (v.id === id ? { ...v, readAt: now } : v)));
    this.unread.update((n) => Math.max(0, n - 1));
  }
}
