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
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  MEETING_KINDS,
  type ChainCode,
  type ChainView,
  type MeetingInput,
  type MeetingKind,
  type MeetingView,
  type PersonView,
  type UnitView,
} from '@crm/domain';
import { AppClock, I18nService, MessageKey, TranslatePipe, apiErrorText, apiFieldErrors, httpStatus } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { LoadState } from '../data-access/load-state';
import { kindKey } from '../data-access/meeting-labels';
import { MeetingRights } from '../data-access/meeting-rights';
import { MeetingsApi } from '../data-access/meetings.api';
import { DateInput, HasUnsavedChanges, LoadStateView, warnBeforeUnload } from '@crm/web/ui';

/** The longest texts the API takes. */
export const MEETING_LIMITS = { chairName: 100, agenda: 10_000, minutes: 50_000 } as const;

type Field = 'kind' | 'heldOn' | 'chains' | 'chair' | 'attendingUnitIds' | 'attendees' | 'agenda' | 'minutes';

/** What the form holds; the request body is made from it on saving. */
interface Draft {
  kind: MeetingKind | null;
  /** YYYY-MM-DD, '' until chosen. */
  heldOn: string;
  chains: ChainCode[];
  chairPersonId: number | null;
  chairName: string;
  attendingUnitIds: number[];
  attendees: string[];
  agenda: string;
  minutes: string;
}

/**
 * /meetings/new and /meetings/:id/edit — 登记会议 / 编辑会议: kind, date, chain(s) (several only for
 * a 联席会议), chair (a chain leader or a name), attending units and people, agenda and minutes.
 * What the user wrote stays when the API refuses it; its message is shown.
 */
@Component({
  selector: 'crm-meeting-form-page',
  imports: [
    LoadStateView,
    DateInput,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzResultModule,
    NzSelectModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './meeting-form-page.html',
  styleUrl: './meeting-form-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingFormPage implements HasUnsavedChanges {
  private readonly clock = inject(AppClock);
  private readonly api = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly rights = inject(MeetingRights);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lang = this.i18n.lang;
  protected readonly kinds = MEETING_KINDS;
  protected readonly kindKey = kindKey;
  protected readonly limits = MEETING_LIMITS;
  protected readonly mayRecord = this.rights.mayRecord;
  /** The meeting edited, or null for a new one. */
  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id');

  protected readonly draft = signal<Draft>({
    kind: 'monthly-dispatch',
    heldOn: this.clock.today(),
    chains: [],
    chairPersonId: null,
    chairName: '',
    attendingUnitIds: [],
    attendees: [],
    agenda: '',
    minutes: '',
  });
  /** The meeting as read, for editing. */
  protected readonly state = signal<LoadState<MeetingView | null>>(
    this.id ? { status: 'loading' } : { status: 'ready', value: null },
  );
  private readonly original = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly loadErrorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });

  private readonly allChains = signal<ChainView[]>([]);
  protected readonly units = signal<UnitView[]>([]);
  protected readonly referenceFailed = signal(false);

  protected readonly joint = computed(() => this.draft().kind === 'joint');
  /** Staff record their units' chains; a joint meeting may take in other chains they read. */
  protected readonly chainOptions = computed(() => {
    const en = this.lang() === 'en';
    const allowed = this.rights.isOffice()
      ? null
      : this.joint()
        ? this.rights.readableChains()
        : this.rights.editableChains();
    const kept = this.original()?.chains.map((c) => c.code) ?? [];
    return this.allChains()
      .filter((c) => !allowed || allowed.includes(c.code) || kept.includes(c.code))
      .map((c) => ({ code: c.code, label: en ? c.nameEn : c.nameZh }));
  });
  /** The leaders of the chosen chains (包联领导 first), and the chair as recorded. */
  protected readonly leaderOptions = computed(() => {
    const chosen = this.draft().chains;
    const people = new Map<number, PersonView>();
    for (const chain of this.allChains().filter((c) => chosen.includes(c.code))) {
      for (const person of [chain.liaisonLeader, ...chain.responsibleLeaders]) {
        if (person) people.set(person.id, person);
      }
    }
    const chair = this.original()?.chair;
    if (chair?.personId && !people.has(chair.personId)) {
      people.set(chair.personId, { id: chair.personId, name: chair.name, position: '' });
    }
    return [...people.values()].map((p) => ({ id: p.id, label: p.position ? `${p.name}（${p.position}）` : p.name }));
  });

  /** A name typed in 参会人员 but not yet made a tag (Enter, comma): kept, and added on saving. */
  private readonly pendingAttendee = signal('');
  /** The form as loaded (or as a new form starts), to tell whether anything was changed. */
  private readonly baseline = signal(JSON.stringify(this.draft()));

  protected readonly errors = signal<Partial<Record<Field, string>>>({});
  protected readonly failure = signal('');
  protected readonly saving = signal(false);
  /** Someone else saved the meeting first (409): the form offers to load it as it is now. */
  protected readonly stale = signal(false);

  constructor() {
    this.api
      .listChains()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (chains) => {
          this.allChains.set(chains);
          this.preselectChain();
        },
        error: () => this.referenceFailed.set(true),
      });
    this.api
      .listUnits()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (units) => this.units.set(units), error: () => this.referenceFailed.set(true) });
    if (this.id) this.load(this.id);
    warnBeforeUnload(() => this.hasUnsavedChanges());
  }

  hasUnsavedChanges(): boolean {
    return this.mayRecord() && (JSON.stringify(this.draft()) !== this.baseline() || !!this.pendingAttendee().trim());
  }

  /** Emptied when a tag is made, when the user clears the text, and after the select closes. */
  protected typingAttendee(text: string): void {
    this.pendingAttendee.set(text);
  }

  /**
   * The select clears what was typed when it closes (a click on 登记会议 closes it): the name is
   * made a tag first. A text emptied by the user (backspace) is dropped with it, as typed.
   */
  protected attendeesOpenChange(open: boolean): void {
    if (!open) this.keepPendingAttendee();
  }

  private keepPendingAttendee(): void {
    const names = this.pendingAttendee()
      .split(/[,，、;；]/)
      .map((n) => n.trim())
      .filter(Boolean);
    this.pendingAttendee.set('');
    if (!names.length) return;
    const attendees = this.draft().attendees;
    this.set('attendees', [...attendees, ...names.filter((n) => !attendees.includes(n))]);
  }

  protected load(id: string): void {
    this.state.set({ status: 'loading' });
    this.api
      .getMeeting(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meeting) => {
          this.state.set({ status: 'ready', value: meeting });
          this.draft.set({
            kind: meeting.kind,
            heldOn: meeting.heldOn,
            chains: meeting.chains.map((c) => c.code),
            chairPersonId: meeting.chair.personId,
            chairName: meeting.chair.personId ? '' : meeting.chair.name,
            attendingUnitIds: meeting.attendingUnits.map((u) => u.id),
            attendees: [...meeting.attendees],
            agenda: meeting.agenda,
            minutes: meeting.minutes,
          });
          this.baseline.set(JSON.stringify(this.draft()));
        },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected retry(): void {
    if (this.id) this.load(this.id);
  }

  /** After a 409: the meeting as saved by the other person; what this user typed is given up. */
  protected reloadStale(): void {
    this.stale.set(false);
    this.failure.set('');
    this.retry();
  }

  protected set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
    const field: Field = key === 'chairPersonId' || key === 'chairName' ? 'chair' : (key as Field);
    if (this.errors()[field]) this.errors.update((e) => ({ ...e, [field]: undefined }));
  }

  /** One chain for the kinds that belong to one chain: the first chosen stays. */
  protected setKind(kind: MeetingKind | null): void {
    this.set('kind', kind);
    if (kind !== 'joint' && this.draft().chains.length > 1) {
      this.set('chains', this.draft().chains.slice(0, 1));
    }
  }

  protected setChain(chain: ChainCode | null): void {
    this.set('chains', chain ? [chain] : []);
  }

  protected save(): void {
    if (this.saving()) return;
    this.keepPendingAttendee();
    const errors = this.check();
    this.errors.set(errors);
    this.failure.set('');
    if (Object.keys(errors).length) return;
    const body = this.body();
    this.saving.set(true);
    const loaded = this.state();
    const version = loaded.status === 'ready' ? (loaded.value?.version ?? 0) : 0;
    const call$ = this.id ? this.api.updateMeeting(this.id, { ...body, version }) : this.api.createMeeting(body);
    this.stale.set(false);
    call$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (meeting) => {
        this.saving.set(false);
        this.baseline.set(JSON.stringify(this.draft()));
        this.message.success(this.i18n.t(this.id ? 'meetings.form.updated' : 'meetings.form.created'));
        void this.router.navigate(['/meetings', meeting.id]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const fields = apiFieldErrors(error, this.lang());
        const mapped: Partial<Record<Field, string>> = {};
        for (const [name, text] of Object.entries(fields)) {
          const field = name === 'chairPersonId' || name === 'chairName' ? 'chair' : name;
          if (isField(field)) mapped[field] = text;
        }
        this.errors.set(mapped);
        // The API's own words, always: a field message may name a field the form does not show.
        this.failure.set(apiErrorText(error, this.i18n));
        this.stale.set(httpStatus(error) === 409);
      },
    });
  }

  private check(): Partial<Record<Field, string>> {
    const d = this.draft();
    const errors: Partial<Record<Field, string>> = {};
    const say = (key: MessageKey) => this.i18n.t(key);
    if (!d.kind) errors.kind = say('meetings.form.kindRequired');
    if (!d.heldOn) errors.heldOn = say('meetings.form.heldOnRequired');
    if (!d.chains.length) errors.chains = say('meetings.form.chainsRequired');
    else if (d.kind !== 'joint' && d.chains.length > 1) errors.chains = say('meetings.form.oneChain');
    if (!d.chairPersonId && !d.chairName.trim()) errors.chair = say('meetings.form.chairRequired');
    return errors;
  }

  private body(): MeetingInput {
    const d = this.draft();
    return {
      kind: d.kind as MeetingKind,
      heldOn: d.heldOn,
      chains: d.chains,
      chairPersonId: d.chairPersonId ?? null,
      chairName: d.chairPersonId ? null : d.chairName.trim(),
      attendingUnitIds: d.attendingUnitIds,
      attendees: d.attendees.map((a) => a.trim()).filter(Boolean),
      agenda: d.agenda,
      minutes: d.minutes,
    };
  }

  /** A staff member serving one chain records its meetings: it is chosen for them. */
  private preselectChain(): void {
    if (this.id || this.draft().chains.length) return;
    const options = this.chainOptions();
    if (options.length === 1) {
      this.draft.update((d) => ({ ...d, chains: [options[0].code] }));
      this.baseline.set(JSON.stringify(this.draft()));
    }
  }
}

function isField(name: string): name is Field {
  return ['kind', 'heldOn', 'chains', 'chair', 'attendingUnitIds', 'attendees', 'agenda', 'minutes'].includes(name);
}
