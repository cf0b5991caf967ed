import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import {
  CHAIN_CODES,
  PROMOTION_EVENT_KINDS,
  promotionEventProblems,
  type ChainCode,
  type PromotionEventInput,
  type PromotionEventKind,
  type PromotionEventView,
} from '@crm/domain';
import { AuthService, I18nService, apiErrorText } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, debounceTime, distinctUntilChanged, filter, switchMap } from 'rxjs';
import { EventsApi } from '../data-access/events.api';
import { CHAIN_TEXT, EventsTextPipe, KIND_TEXT, eventsText } from '../events-text';

interface Draft {
  name: string;
  kind: PromotionEventKind;
  startsOn: string;
  endsOn: string;
  place: string;
  leadPersonId: number | null;
  chains: ChainCode[];
  unitIds: number[];
  enterpriseIds: string[];
  notes: string;
}

/**
 * 登记/编辑招商活动: name, kind, dates, place, leading official, chains (none: the whole city), units,
 * firms met and notes. The dates are checked here with the API's own rule; the API's refusal (a
 * field named, 409 with the event as it is now) is shown as it comes.
 */
@Component({
  selector: 'crm-event-form',
  imports: [EventsTextPipe, FormsModule, NzButtonModule, NzCardModule, NzInputModule, NzSelectModule],
  template: `
    <nz-card class="event-form">
      <form (ngSubmit)="save()">
        <label class="field wide">
          <span>{{ 'name' | ev }} *</span>
          <input nz-input name="name" maxlength="200" [ngModel]="draft().name" (ngModelChange)="patch({ name: $event })" />
        </label>
        <div class="field">
          <span>{{ 'kind' | ev }} *</span>
          <nz-select name="kind" [ngModel]="draft().kind" (ngModelChange)="patch({ kind: $event })" [attr.aria-label]="'kind' | ev">
            @for (k of kinds; track k) {
              <nz-option [nzValue]="k" [nzLabel]="kindLabel(k)" />
            }
          </nz-select>
        </div>
        <label class="field">
          <span>{{ 'startsOn' | ev }} *</span>
          <input nz-input type="date" name="startsOn" [ngModel]="draft().startsOn" (ngModelChange)="patch({ startsOn: $event })" />
        </label>
        <label class="field">
          <span>{{ 'endsOn' | ev }} *</span>
          <input nz-input type="date" name="endsOn" [ngModel]="draft().endsOn" (ngModelChange)="patch({ endsOn: $event })" />
        </label>
        <label class="field">
          <span>{{ 'place' | ev }}</span>
          <input nz-input name="place" maxlength="200" [ngModel]="draft().place" (ngModelChange)="patch({ place: $event })" />
        </label>
        <div class="field">
          <span>{{ 'leadPerson' | ev }}</span>
          <nz-select name="leadPersonId" nzAllowClear nzShowSearch [nzPlaceHolder]="'choosePerson' | ev"
            [ngModel]="draft().leadPersonId" (ngModelChange)="patch({ leadPersonId: $event ?? null })" [attr.aria-label]="'leadPerson' | ev">
            @for (p of people(); track p.id) {
              <nz-option [nzValue]="p.id" [nzLabel]="p.position ? p.name + '（' + p.position + '）' : p.name" />
            }
          </nz-select>
        </div>
        <div class="field wide">
          <span>{{ 'chains' | ev }}</span>
          <nz-select name="chains" nzMode="multiple" [nzPlaceHolder]="'chooseChains' | ev"
            [ngModel]="draft().chains" (ngModelChange)="patch({ chains: $event })" [attr.aria-label]="'chains' | ev">
            @for (c of chainChoices(); track c) {
              <nz-option [nzValue]="c" [nzLabel]="chainLabel(c)" />
            }
          </nz-select>
        </div>
        <div class="field wide">
          <span>{{ 'units' | ev }}</span>
          <nz-select name="unitIds" nzMode="multiple" nzShowSearch [nzPlaceHolder]="'chooseUnits' | ev"
            [ngModel]="draft().unitIds" (ngModelChange)="patch({ unitIds: $event })" [attr.aria-label]="'units' | ev">
            @for (u of units(); track u.id) {
              <nz-option [nzValue]="u.id" [nzLabel]="u.name" />
            }
          </nz-select>
        </div>
        <div class="field wide">
          <span>{{ 'enterprises' | ev }}</span>
          <nz-select name="enterpriseIds" nzMode="multiple" nzShowSearch nzServerSearch [nzPlaceHolder]="'searchFirms' | ev"
            [ngModel]="draft().enterpriseIds" (ngModelChange)="patch({ enterpriseIds: $event })" (nzOnSearch)="firmQuery$.next($event)"
            [attr.aria-label]="'enterprises' | ev">
            @for (f of firmChoices(); track f.id) {
              <nz-option [nzValue]="f.id" [nzLabel]="f.name" />
            }
          </nz-select>
        </div>
        <label class="field wide">
          <span>{{ 'notes' | ev }}</span>
          <textarea nz-input name="notes" rows="3" maxlength="2000" [ngModel]="draft().notes" (ngModelChange)="patch({ notes: $event })"></textarea>
        </label>
        @if (problem()) {
          <p class="problem" role="alert">{{ problem() }}</p>
        }
        <div class="actions">
          <button nz-button nzType="primary" type="submit" class="save" [nzLoading]="saving()">{{ 'save' | ev }}</button>
          <button nz-button type="button" class="cancel" (click)="cancelled.emit()">{{ 'cancel' | ev }}</button>
        </div>
      </form>
    </nz-card>
  `,
  styles: `
    form { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px 16px; }
    .field { display: flex; flex-direction: column; gap: 4px; }
    .wide { grid-column: 1 / -1; }
    .problem { grid-column: 1 / -1; color: #cf1322; margin: 0; }
    .actions { grid-column: 1 / -1; display: flex; gap: 8px; }
    nz-select { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventForm implements OnInit {
  private readonly api = inject(EventsApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  /** The event edited; null: a new one. */
  readonly event = input<PromotionEventView | null>(null);
  readonly saved = output<PromotionEventView>();
  readonly cancelled = output<void>();
  /** 409: the event as someone else saved it. */
  readonly stale = output<PromotionEventView>();

  protected readonly kinds = PROMOTION_EVENT_KINDS;
  protected readonly draft = signal<Draft>({
    name: '',
    kind: 'fair',
    startsOn: '',
    endsOn: '',
    place: '',
    leadPersonId: null,
    chains: [],
    unitIds: [],
    enterpriseIds: [],
    notes: '',
  });
  protected readonly problem = signal('');
  protected readonly saving = signal(false);
  protected readonly units = signal<{ id: number; name: string }[]>([]);
  protected readonly people = signal<{ id: number; name: string; position?: string }[]>([]);
  protected readonly firms = signal<{ id: string; name: string }[]>([]);
  protected readonly firmQuery$ = new Subject<string>();
  /** Office: every chain; staff: the chains their unit serves (the API refuses others). */
  protected readonly chainChoices = computed(() => {
    const user = this.auth.user();
    return this.auth.hasRole('office') ? [...CHAIN_CODES] : (user?.editableChainCodes ?? []);
  });
  /** The firms already chosen stay listed beside those found. */
  protected readonly firmChoices = computed(() => {
    const chosen = this.event()?.enterprises ?? [];
    const found = this.firms();
    return [...chosen.filter((c) => !found.some((f) => f.id === c.id)), ...found];
  });

  constructor() {
    this.api.units().pipe(takeUntilDestroyed()).subscribe({ next: (u) => this.units.set(u), error: () => undefined });
    this.api.people().pipe(takeUntilDestroyed()).subscribe({ next: (p) => this.people.set(p), error: () => undefined });
    this.firmQuery$
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        filter((q) => q.trim().length > 0),
        switchMap((q) => this.api.searchFirms(q.trim())),
        takeUntilDestroyed(),
      )
      .subscribe({ next: (firms) => this.firms.set(firms), error: () => undefined });
  }

  ngOnInit(): void {
    const e = this.event();
    if (e) {
      this.draft.set({
        name: e.name,
        kind: e.kind,
        startsOn: e.startsOn,
        endsOn: e.endsOn,
        place: e.place ?? '',
        leadPersonId: e.leadPerson?.id ?? null,
        chains: [...e.chains],
        unitIds: e.units.map((u) => u.id),
        enterpriseIds: e.enterprises.map((f) => f.id),
        notes: e.notes ?? '',
      });
    }
  }

  protected kindLabel(kind: PromotionEventKind): string {
    return KIND_TEXT[kind][this.i18n.lang() === 'en' ? 1 : 0];
  }

  protected chainLabel(code: ChainCode): string {
    return CHAIN_TEXT[code][this.i18n.lang() === 'en' ? 1 : 0];
  }

  protected patch(change: Partial<Draft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
    this.problem.set('');
  }

  protected save(): void {
    const d = this.draft();
    const lang = this.i18n.lang();
    const missing = !d.name.trim() ? 'name' : !d.startsOn ? 'startsOn' : !d.endsOn ? 'endsOn' : null;
    if (missing) {
      this.problem.set(eventsText(lang, 'required', { field: eventsText(lang, missing) }));
      return;
    }
    if (promotionEventProblems(d).length) {
      this.problem.set(eventsText(lang, 'endBeforeStart'));
      return;
    }
    const e = this.event();
    const input: PromotionEventInput = {
      name: d.name.trim(),
      kind: d.kind,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      place: d.place.trim() || null,
      leadPersonId: d.leadPersonId,
      chains: d.chains,
      unitIds: d.unitIds,
      enterpriseIds: d.enterpriseIds,
      contactIds: e ? e.contacts.map((c) => c.id) : [],
      notes: d.notes.trim() || null,
      ...(e ? { version: e.version } : {}),
    };
    this.saving.set(true);
    (e ? this.api.update(e.id, input) : this.api.create(input)).pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (view) => {
        this.saving.set(false);
        this.saved.emit(view);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (error instanceof HttpErrorResponse && error.status === 409 && error.error?.current) {
          this.stale.emit(error.error.current as PromotionEventView);
          return;
        }
        this.problem.set(apiErrorText(error, this.i18n));
      },
    });
  }
}
