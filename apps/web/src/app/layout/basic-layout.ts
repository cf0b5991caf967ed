import { BreakpointObserver } from '@angular/cdk/layout';
import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Type,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterOutlet,
} from '@angular/router';
import type { Role } from '@crm/domain';
import {
  AuthService,
  CHANGE_PASSWORD_URL,
  I18nService,
  Lang,
  MessageKey,
  SIGN_IN_URL,
  TranslatePipe,
  roleLabelKey,
  NzLocaleSync,
} from '@crm/web/core';
import { NzAvatarModule } from 'ng-zorro-antd/avatar';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSegmentedModule, NzSegmentedOption } from 'ng-zorro-antd/segmented';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { filter, map } from 'rxjs';

/** Phones and small tablets: the menu slides over the page instead of narrowing it. */
const NARROW = '(max-width: 767.98px)';

interface MenuItem {
  link: string;
  icon: string;
  label: MessageKey;
  /** Who sees it; everyone when absent. The API enforces the same roles. */
  roles?: Role[];
}

const MENU: MenuItem[] = [
  {
    link: '/cockpit',
    icon: 'dashboard',
    label: 'menu.cockpit',
    roles: ['leader', 'office', 'admin'],
  },
  { link: '/chains', icon: 'apartment', label: 'menu.chains' },
  { link: '/chain-map', icon: 'cluster', label: 'menu.chainMap' },
  { link: '/events', icon: 'global', label: 'menu.events' },
  {
    link: '/plan',
    icon: 'flag',
    label: 'menu.plan',
    roles: ['office', 'leader', 'admin', 'staff'],
  },
  { link: '/projects', icon: 'database', label: 'menu.projects' },
  { link: '/enterprises', icon: 'global', label: 'menu.enterprises' },
  { link: '/board', icon: 'project', label: 'menu.board' },
  { link: '/guarantees', icon: 'flag', label: 'menu.guarantees', roles: ['staff'] },
  { link: '/pre-reviews', icon: 'file-search', label: 'menu.preReviews', roles: ['staff'] },
  { link: '/reports', icon: 'form', label: 'menu.reports' },
  {
    link: '/roll-ups',
    icon: 'file-text',
    label: 'menu.rollUp',
    roles: ['office', 'leader', 'admin'],
  },
  { link: '/bulletins', icon: 'file-text', label: 'menu.bulletins' },
  { link: '/meetings', icon: 'schedule', label: 'menu.meetings' },
  {
    link: '/ledger',
    icon: 'cloud-upload',
    label: 'menu.ledger',
    roles: ['staff', 'office', 'admin'],
  },
  { link: '/users', icon: 'team', label: 'menu.users', roles: ['admin'] },
  {
    link: '/audit',
    icon: 'file-search',
    label: 'menu.audit',
    roles: ['office', 'admin'],
  },
];

/** The shell around every page: header with title, language and user, menu, content. */
@Component({
  selector: 'crm-basic-layout',
  imports: [
    FormsModule,
    NgComponentOutlet,
    NzAvatarModule,
    NzDropDownModule,
    NzIconModule,
    NzLayoutModule,
    NzMenuModule,
    NzSegmentedModule,
    NzTagModule,
    RouterLink,
    RouterOutlet,
    TranslatePipe,
  ],
  // No icon patch here: a component's providers reach every routed page below it and would hide
  // each feature route's own icons (its provideNzIconsPatch). The phone's search and close icons
  // are among ng-zorro's own (NZ_ICONS_USED_BY_ZORRO).
  templateUrl: './basic-layout.html',
  styleUrl: './basic-layout.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BasicLayout {
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);

  protected readonly lang = this.i18n.lang;
  /** Each language is named in itself, so a user who cannot read the other one still finds it. */
  protected readonly langOptions: NzSegmentedOption[] = [
    { label: '中文', value: 'zh-CN' },
    { label: 'English', value: 'en' },
  ];
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly collapsed = signal(false);
  protected readonly siderWidth = computed(() => (this.narrow() ? 0 : 64));
  protected readonly user = this.auth.user;
  /** Only what the user's roles may open; nothing until a required password change is done. */
  protected readonly menu = computed(() =>
    this.user()?.mustChangePassword
      ? []
      : MENU.filter((item) => !item.roles || this.auth.hasRole(...item.roles)),
  );
  /** The path shown, for the menu's highlight. */
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );
  /** The menu entry of the page shown: a chain's board (/chains/:code/board) is 项目看板's. */
  protected readonly activeLink = computed(() => activeMenuLink(this.url(), this.menu()));
  protected readonly roleNames = computed(() =>
    (this.user()?.roles ?? [])
      .map((role) => this.i18n.t(roleLabelKey(role)))
      .join(this.i18n.lang() === 'en' ? ', ' : '、'),
  );
  protected readonly roleKey = roleLabelKey;
  protected readonly changePasswordUrl = CHANGE_PASSWORD_URL;
  /** The notification bell, loaded once the page has rendered (it lives in the reporting chunk). */
  protected readonly bell = signal<Type<unknown> | null>(null);
  /** The global search box, loaded like the bell (it lives in the events chunk). */
  protected readonly searchBox = signal<Type<unknown> | null>(null);
  /** On a phone the search box is opened from the header's search button, full width under it. */
  protected readonly searchOpen = signal(false);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);

  constructor() {
    // ng-zorro's own texts follow the interface language from here on (not loaded before sign-in).
    inject(NzLocaleSync).start();
    // Start collapsed on a phone, expanded on a desktop, whenever the width class changes.
    effect(() => this.collapsed.set(this.narrow()));
    // On a phone, any navigation (a menu link, the back button) closes the menu.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.closeMenuOnPhone();
        this.searchOpen.set(false);
      });
    // The bell's code is not in the initial bundle: it is fetched when the browser is idle.
    afterNextRender(() => {
      const load = () =>
        Promise.all([
          import('@crm/web/reporting').then(
            (m) => this.bell.set(m.NotificationBell),
            () => undefined,
          ),
          import('@crm/web/events').then(
            (m) => this.searchBox.set(m.GlobalSearchBox),
            () => undefined,
          ),
        ]);
      if (typeof requestIdleCallback === 'function') {
        requestIdleCallback(() => void load(), { timeout: 2000 });
      } else {
        setTimeout(() => void load(), 200);
      }
    });
  }

  /** Also on a click in the menu: choosing the page already shown is no navigation. */
  protected closeMenuOnPhone(): void {
    if (this.narrow()) {
      this.collapsed.set(true);
    }
  }

  protected toggleSearch(): void {
    if (this.searchOpen()) {
      this.closeSearch();
      return;
    }
    this.searchOpen.set(true);
    // The box is there once the change is rendered: the cursor goes into it.
    setTimeout(() => this.host.nativeElement.querySelector<HTMLInputElement>('.phone-search input')?.focus());
  }

  /** Closed by its button or Escape: the focus goes back to the search button. */
  protected closeSearch(): void {
    this.searchOpen.set(false);
    setTimeout(() => this.host.nativeElement.querySelector<HTMLButtonElement>('.search-trigger')?.focus());
  }

  protected toggleMenu(): void {
    this.collapsed.update((collapsed) => !collapsed);
  }

  protected useLang(lang: Lang): void {
    this.i18n.use(lang);
  }

  protected signOut(): void {
    // The session is forgotten here even when the call fails (it may have expired already).
    const done = () => {
      this.message.success(this.i18n.t('layout.signedOut'));
      void this.router.navigateByUrl(SIGN_IN_URL);
    };
    this.auth.signOut().subscribe({ next: done, error: done });
  }
}

/** The menu link a URL belongs to: the longest matching prefix, a chain's board under 项目看板. */
export function activeMenuLink(url: string, menu: readonly { link: string }[]): string | null {
  const path = url.split(/[?#]/)[0];
  const owner = /^\/chains\/[^/]+\/board(\/|$)/.test(path) ? '/board' : path;
  const matches = menu
    .map((item) => item.link)
    .filter((link) => owner === link || owner.startsWith(`${link}/`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}
