import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { STAGE_LABELS, type PromotionEventView, type Stage } from '@crm/domain';
import { I18nService, apiErrorText } from '@crm/web/core';
import { LoadStateView, PageHeader, WanPipe, type LoadState } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { EventsApi } from '../data-access/events.api';
import { CHAIN_TEXT, EventsTextPipe, KIND_TEXT, eventsText } from '../events-text';
import { EventForm } from '../form/event-form';

/** /events/:id — one event: its facts, who went and whom they met, its results and the projects behind them. */
@Component({
  selector: 'crm-event-page',
  imports: [EventForm, EventsTextPipe, LoadStateView, NzButtonModule, NzCardModule, NzTableModule, NzTagModule, PageHeader, RouterLink, WanPipe],
  template: `
    <crm-load-state [state]="state()" [errorTitle]="'loadError' | ev" [errorText]="errorText()" (retry)="load()" [framed]="true"
      [notFoundTitle]="'notFound' | ev" backLink="/events" [backLabel]="'back' | ev" />
    @if (event(); as e) {
      <crm-page-header [heading]="e.name" [subtitle]="subtitle(e)">
        <span crmPageTags><nz-tag nzColor="blue">{{ kindLabel(e) }}</nz-tag></span>
        <a nz-button routerLink="/events">{{ 'back' | ev }}</a>
        @if (e.editable && !editing()) {
          <button nz-button nzType="primary" type="button" class="edit" (click)="editing.set(true)">{{ 'edit' | ev }}</button>
        }
      </crm-page-header>
      @if (editing()) {
        <crm-event-form [event]="e" (saved)="saved($event)" (cancelled)="editing.set(false)" (stale)="stale($event)" />
      }
      <nz-card class="totals" [nzTitle]="'totals' | ev">
        <p class="signed-line">
          {{ 'signedLine' | ev: { n: e.totals.signedProjects, amount: (e.totals.signedAmount | wan: lang() : 2) } }}；
          {{ 'fundsLine' | ev: { amount: (e.totals.fundsInPlace | wan: lang() : 2) } }}；
          {{ 'linked' | ev: { n: e.totals.projects } }}
        </p>
      </nz-card>
      <nz-card class="facts">
        <dl>
          <dt>{{ 'place' | ev }}</dt><dd>{{ e.place ?? ('none' | ev) }}</dd>
          <dt>{{ 'leadPerson' | ev }}</dt><dd>{{ e.leadPerson?.name ?? ('none' | ev) }}</dd>
          <dt>{{ 'chains' | ev }}</dt><dd>{{ chainNames(e) }}</dd>
          <dt>{{ 'units' | ev }}</dt><dd class="units">{{ names(e.units) }}</dd>
          <dt>{{ 'enterprises' | ev }}</dt><dd class="firms">{{ names(e.enterprises) }}</dd>
          <dt>{{ 'contacts' | ev }}</dt>
          <dd class="contacts">{{ e.contacts.length ? contactNames(e) : ('none' | ev) }}</dd>
          @if (e.notes) {
            <dt>{{ 'notes' | ev }}</dt><dd class="notes">{{ e.notes }}</dd>
          }
        </dl>
        @if (!e.editable) {
          <p class="read-only">{{ 'readOnly' | ev }}</p>
        }
      </nz-card>
      <nz-card class="projects" [nzTitle]="'projects' | ev">
        @if (e.projects.length) {
          <nz-table #table [nzData]="e.projects" [nzShowPagination]="false" nzSize="small" [nzScroll]="{ x: '640px' }">
            <thead>
              <tr>
                <th>{{ 'name' | ev }}</th>
                <th>{{ 'investor' | ev }}</th>
                <th>{{ 'stage' | ev }}</th>
                <th>{{ 'signedAmount' | ev }}</th>
                <th>{{ 'fundsInPlace' | ev }}</th>
              </tr>
            </thead>
            <tbody>
              @for (p of table.data; track p.id) {
                <tr>
                  <td><a [routerLink]="['/projects', p.id]">{{ p.name }}</a></td>
                  <td>{{ p.investorName }}</td>
                  <td>{{ stageLabel(p.stage) }}</td>
                  <td>{{ p.signedAmount | wan: lang() }}</td>
                  <td>{{ p.fundsInPlace | wan: lang() }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        } @else if (!e.hiddenProjects) {
          <p class="no-projects">{{ 'noProjects' | ev }}</p>
        }
        @if (e.hiddenProjects) {
          <p class="hidden-projects">{{ 'hiddenProjects' | ev: { n: e.hiddenProjects } }}</p>
        }
      </nz-card>
    }
  `,
  styles: `
    nz-card, crm-event-form { display: block; margin-bottom: 16px; }
    .signed-line { font-size: 16px; margin: 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
    dt { color: rgba(0, 0, 0, 0.55); }
    dd { margin: 0; white-space: pre-line; }
    .read-only, .hidden-projects, .no-projects { color: rgba(0, 0, 0, 0.55); margin: 12px 0 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventPage {
  private readonly api = inject(EventsApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly state = signal<LoadState<PromotionEventView>>({ status: 'loading' });
  protected readonly event = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : null;
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  });
  protected readonly editing = signal(false);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .event(this.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'ready', value }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected saved(view: PromotionEventView): void {
    this.editing.set(false);
    this.state.set({ status: 'ready', value: view });
    this.message.success(eventsText(this.lang(), 'saved'));
  }

  /** Someone else saved first: show theirs, and let the user edit again from it. */
  protected stale(current: PromotionEventView): void {
    this.editing.set(false);
    this.state.set({ status: 'ready', value: current });
    this.message.warning(eventsText(this.lang(), 'stale'));
  }

  protected subtitle(e: PromotionEventView): string {
    return e.startsOn === e.endsOn ? e.startsOn : `${e.startsOn} — ${e.endsOn}`;
  }

  protected kindLabel(e: PromotionEventView): string {
    return KIND_TEXT[e.kind][this.lang() === 'en' ? 1 : 0];
  }

  protected chainNames(e: PromotionEventView): string {
    const en = this.lang() === 'en';
    if (!e.chains.length) return eventsText(this.lang(), 'cityWide');
    return e.chains.map((c) => CHAIN_TEXT[c][en ? 1 : 0]).join(en ? ', ' : '、');
  }

  protected names(list: { name: string }[]): string {
    return list.length ? list.map((x) => x.name).join(this.lang() === 'en' ? ', ' : '、') : eventsText(this.lang(), 'none');
  }

  protected contactNames(e: PromotionEventView): string {
    return e.contacts.map((c) => `${c.name}（${c.enterpriseName}）`).join('、');
  }

  protected stageLabel(stage: Stage): string {
    return STAGE_LABELS[stage];
  }
}
