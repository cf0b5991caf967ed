import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { PROMOTION_EVENT_KINDS, type PromotionEventKind, type PromotionEventSummary, type PromotionEventView } from '@crm/domain';
import { AppClock, AuthService, I18nService, apiErrorText } from '@crm/web/core';
import { LoadStateView, PageHeader, WanPipe, type LoadState } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { EventsApi } from '../data-access/events.api';
import { CHAIN_TEXT, EventsTextPipe, KIND_TEXT } from '../events-text';
import { EventForm } from '../form/event-form';

/** /events?year=&kind= — the year's promotion events with their results (签约 N个 X亿元, 到位 Y亿元). */
@Component({
  selector: 'crm-event-list-page',
  imports: [EventForm, EventsTextPipe, FormsModule, LoadStateView, NzButtonModule, NzSelectModule, NzTableModule, NzTagModule, PageHeader, RouterLink, WanPipe],
  template: `
    <crm-page-header [heading]="'title' | ev" [subtitle]="'subtitle' | ev">
      <nz-select class="year-select" [ngModel]="year()" (ngModelChange)="pick({ year: $event })" [attr.aria-label]="'year' | ev">
        @for (y of years(); track y) {
          <nz-option [nzValue]="y" [nzLabel]="'yearTitle' | ev: { year: y }" />
        }
      </nz-select>
      <nz-select class="kind-select" [ngModel]="kind()" (ngModelChange)="pick({ kind: $event })" [attr.aria-label]="'kind' | ev">
        <nz-option [nzValue]="null" [nzLabel]="'allKinds' | ev" />
        @for (k of kinds; track k) {
          <nz-option [nzValue]="k" [nzLabel]="kindLabel(k)" />
        }
      </nz-select>
      @if (mayCreate()) {
        <button nz-button nzType="primary" type="button" class="create" (click)="creating.set(true)">{{ 'create' | ev }}</button>
      }
    </crm-page-header>
    @if (creating()) {
      <crm-event-form (saved)="created($event)" (cancelled)="creating.set(false)" />
    }
    <crm-load-state [state]="state()" [errorTitle]="'loadError' | ev" [errorText]="errorText()" (retry)="load()" [framed]="true"
      [empty]="events().length === 0" [emptyText]="'noEvents' | ev: { year: year() }">
      <p crmEmpty class="empty-hint">{{ 'noEventsHint' | ev }}</p>
    </crm-load-state>
    @if (state().status === 'ready' && events().length) {
      <nz-table #table [nzData]="events()" [nzShowPagination]="false" nzSize="middle" [nzScroll]="{ x: '900px' }">
        <thead>
          <tr>
            <th>{{ 'name' | ev }}</th>
            <th>{{ 'kind' | ev }}</th>
            <th>{{ 'dates' | ev }}</th>
            <th>{{ 'place' | ev }}</th>
            <th>{{ 'leadPerson' | ev }}</th>
            <th>{{ 'chains' | ev }}</th>
            <th>{{ 'signed' | ev }}</th>
            <th>{{ 'funds' | ev }}</th>
          </tr>
        </thead>
        <tbody>
          @for (e of table.data; track e.id) {
            <tr [attr.data-event]="e.id">
              <td><a [routerLink]="['/events', e.id]">{{ e.name }}</a></td>
              <td><nz-tag>{{ kindLabel(e.kind) }}</nz-tag></td>
              <td>{{ e.startsOn === e.endsOn ? e.startsOn : e.startsOn + ' — ' + e.endsOn }}</td>
              <td>{{ e.place ?? '—' }}</td>
              <td>{{ e.leadPerson?.name ?? '—' }}</td>
              <td>{{ chainNames(e) }}</td>
              <td class="signed">{{ 'signedLine' | ev: { n: e.totals.signedProjects, amount: (e.totals.signedAmount | wan: lang() : 2) } }}</td>
              <td class="funds">{{ e.totals.fundsInPlace | wan: lang() : 2 }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    }
  `,
  styles: `
    .year-select { width: 110px; }
    .kind-select { width: 130px; }
    crm-event-form { display: block; margin-bottom: 16px; }
    .empty-hint { color: rgba(0, 0, 0, 0.62); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventListPage {
  private readonly api = inject(EventsApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly clock = inject(AppClock);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly kinds = PROMOTION_EVENT_KINDS;
  private readonly params = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly year = signal(Number(this.params.get('year')) || this.clock.year());
  protected readonly kind = signal<PromotionEventKind | null>(
    (PROMOTION_EVENT_KINDS as readonly string[]).includes(this.params.get('kind') ?? '') ? (this.params.get('kind') as PromotionEventKind) : null,
  );
  protected readonly years = computed(() => {
    const last = Math.max(this.clock.year() + 1, this.year());
    const first = Math.min(2025, this.year());
    return Array.from({ length: last - first + 1 }, (_, i) => last - i);
  });
  protected readonly state = signal<LoadState<PromotionEventSummary[]>>({ status: 'loading' });
  protected readonly events = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : [];
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  });
  protected readonly mayCreate = computed(() => !!this.auth.user() && this.auth.hasRole('office', 'staff'));
  protected readonly creating = signal(false);

  constructor() {
    this.load();
  }

  protected kindLabel(kind: PromotionEventKind): string {
    return KIND_TEXT[kind][this.lang() === 'en' ? 1 : 0];
  }

  protected chainNames(e: PromotionEventSummary): string {
    const en = this.lang() === 'en';
    if (!e.chains.length) return en ? 'City-wide' : '全市';
    return e.chains.map((c) => CHAIN_TEXT[c][en ? 1 : 0]).join(en ? ', ' : '、');
  }

  protected pick(change: { year?: number; kind?: PromotionEventKind | null }): void {
    if (change.year !== undefined) this.year.set(change.year);
    if (change.kind !== undefined) this.kind.set(change.kind);
    void this.router.navigate([], { queryParams: { year: this.year(), kind: this.kind() }, replaceUrl: true });
    this.load();
  }

  protected created(view: PromotionEventView): void {
    this.creating.set(false);
    void this.router.navigate(['/events', view.id]);
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .list(this.year(), this.kind())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'ready', value }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }
}
