import { ChangeDetectionStrategy, Component, InjectionToken, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import type { GlobalSearchResult } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { NzAutocompleteModule } from 'ng-zorro-antd/auto-complete';
import { SearchOutline } from '@ant-design/icons-angular/icons';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { Subject, catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { EventsApi } from '../data-access/events.api';

/** How long typing must pause before the box asks (tests set 0). */
export const SEARCH_PAUSE_MS = new InjectionToken<number>('SEARCH_PAUSE_MS', { factory: () => 250 });

/** One answer of the box: where choosing it leads. */
export interface SearchHit {
  key: string;
  label: string;
  detail: string;
  link: string[];
  queryParams?: Record<string, string>;
}

export interface SearchGroup {
  title: string;
  hits: SearchHit[];
}

/** The answer grouped as the box lists it: projects, firms, contacts, events (empty groups left out). */
export function searchGroups(result: GlobalSearchResult, t: (key: 'search.projects' | 'search.enterprises' | 'search.contacts' | 'search.events') => string): SearchGroup[] {
  const groups: SearchGroup[] = [
    {
      title: t('search.projects'),
      hits: result.projects.map((p) => ({ key: `p:${p.id}`, label: p.name, detail: p.investorName, link: ['/projects', p.id] })),
    },
    {
      title: t('search.enterprises'),
      // 企业全景: the firm's whole story.
      hits: result.enterprises.map((e) => ({ key: `e:${e.id}`, label: e.name, detail: '', link: ['/enterprises', e.id] })),
    },
    {
      title: t('search.contacts'),
      hits: result.contacts.map((c) => ({
        key: `c:${c.id}`,
        label: c.name,
        detail: [c.title, c.enterpriseName].filter(Boolean).join(' · '),
        // The person's firm, where its contacts are listed (to those who may see them).
        link: ['/enterprises', c.enterpriseId],
      })),
    },
    {
      title: t('search.events'),
      hits: result.events.map((e) => ({ key: `v:${e.id}`, label: e.name, detail: e.startsOn, link: ['/events', e.id] })),
    },
  ];
  return groups.filter((g) => g.hits.length);
}

/**
 * The shell's search box (全局搜索): projects, firms, contacts and events the user may see, grouped,
 * as the user types (GET /api/search); Enter without a choice opens the project list searched.
 */
@Component({
  selector: 'crm-global-search-box',
  providers: [provideNzIconsPatch([SearchOutline])],
  imports: [FormsModule, NzAutocompleteModule, NzIconModule, NzInputModule, TranslatePipe],
  template: `
    <nz-input-group class="search" [nzPrefix]="prefix" nzSize="default">
      <input
        nz-input
        type="search"
        name="q"
        [attr.aria-label]="'search.label' | t"
        [placeholder]="'search.placeholder' | t"
        [ngModel]="query()"
        (ngModelChange)="type($event)"
        (keydown.enter)="searchProjects()"
        [nzAutocomplete]="auto"
      />
    </nz-input-group>
    <ng-template #prefix><nz-icon nzType="search" /></ng-template>
    <nz-autocomplete #auto [nzBackfill]="false" (selectionChange)="choose($event.nzValue)">
      @for (group of groups(); track group.title) {
        <nz-auto-optgroup [nzLabel]="group.title">
          @for (hit of group.hits; track hit.key) {
            <nz-auto-option [nzValue]="hit" [nzLabel]="hit.label">
              <span class="hit-label">{{ hit.label }}</span>
              @if (hit.detail) {
                <span class="hit-detail">{{ hit.detail }}</span>
              }
            </nz-auto-option>
          }
        </nz-auto-optgroup>
      }
      @if (nothing()) {
        <nz-auto-option nzDisabled [nzValue]="null" nzLabel="">{{ 'search.none' | t }}</nz-auto-option>
      }
    </nz-autocomplete>
  `,
  styles: `
    :host { display: block; min-width: 0; }
    .search { width: 100%; }
    .hit-detail { margin-left: 8px; color: rgba(0, 0, 0, 0.62); font-size: 12px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GlobalSearchBox {
  private readonly api = inject(EventsApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly query$ = new Subject<string>();

  protected readonly query = signal('');
  private readonly result = signal<GlobalSearchResult | null>(null);
  protected readonly groups = computed(() => {
    const result = this.result();
    this.i18n.lang();
    return result ? searchGroups(result, (key) => this.i18n.t(key)) : [];
  });
  protected readonly nothing = computed(() => {
    const result = this.result();
    return !!result && result.q.length > 0 && this.groups().length === 0;
  });

  constructor() {
    this.query$
      .pipe(
        map((q) => q.trim()),
        debounceTime(inject(SEARCH_PAUSE_MS)),
        distinctUntilChanged(),
        switchMap((q) => (q ? this.api.search(q).pipe(catchError(() => of(null))) : of(null))),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.result.set(result));
  }

  protected type(value: string | SearchHit | null): void {
    if (typeof value !== 'string') return;
    this.query.set(value);
    this.query$.next(value);
  }

  private chosen = false;

  protected choose(hit: SearchHit | null): void {
    if (!hit) return;
    this.chosen = true;
    this.query.set('');
    this.result.set(null);
    void this.router.navigate(hit.link, hit.queryParams ? { queryParams: hit.queryParams } : {});
  }

  /** Enter: the project list, searched (its filters can narrow it further). */
  protected searchProjects(): void {
    const q = this.query().trim();
    if (!q) return;
    this.chosen = false;
    // Enter on a highlighted answer chooses it (the autocomplete handles that key too): then stay with it.
    setTimeout(() => {
      if (!this.chosen) void this.router.navigate(['/projects'], { queryParams: { q } });
    });
  }
}
