import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
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
import { I18nService, Lang, TranslatePipe } from '@crm/web/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { NzSegmentedModule, NzSegmentedOption } from 'ng-zorro-antd/segmented';
import { filter, map } from 'rxjs';

/** Phones and small tablets: the menu slides over the page instead of narrowing it. */
const NARROW = '(max-width: 767.98px)';

/** The shell around every page: header with title and language, menu, content. */
@Component({
  selector: 'crm-basic-layout',
  imports: [
    FormsModule,
    NzIconModule,
    NzLayoutModule,
    NzMenuModule,
    NzSegmentedModule,
    RouterLink,
    RouterOutlet,
    TranslatePipe,
  ],
  templateUrl: './basic-layout.html',
  styleUrl: './basic-layout.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BasicLayout {
  private readonly i18n = inject(I18nService);

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

  constructor() {
    // Start collapsed on a phone, expanded on a desktop, whenever the width class changes.
    effect(() => this.collapsed.set(this.narrow()));
    // On a phone, any navigation (a menu link, the back button) closes the menu.
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.closeMenuOnPhone());
  }

  /** Also on a click in the menu: choosing the page already shown is no navigation. */
  protected closeMenuOnPhone(): void {
    if (this.narrow()) {
      this.collapsed.set(true);
    }
  }

  protected toggleMenu(): void {
    this.collapsed.update((collapsed) => !collapsed);
  }

  protected useLang(lang: Lang): void {
    this.i18n.use(lang);
  }
}
