import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ActionItemView, ChainView, MeetingView, UnitView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ActionItemList } from '../items/action-item-list';
import type { LoadState } from '../data-access/load-state';
import { SHANGHAI, chainNames, kindKey } from '../data-access/meeting-labels';
import { MeetingRights } from '../data-access/meeting-rights';
import { MeetingsApi } from '../data-access/meetings.api';
import { ActionItemForm } from './action-item-form';
import { HasUnsavedChanges, LoadStateView, warnBeforeUnload } from '@crm/web/ui';

/**
 * /meetings/:id — a meeting: who chaired and attended, agenda and minutes, and the action items it
 * decided, each followed to the end; 会议材料 opens the pack for its date.
 */
@Component({
  selector: 'crm-meeting-page',
  imports: [
    LoadStateView,
    ActionItemForm,
    ActionItemList,
    DatePipe,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzEmptyModule,
    NzIconModule,
    NzTagModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './meeting-page.html',
  styleUrl: './meeting-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingPage implements HasUnsavedChanges {
  private readonly api = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly rights = inject(MeetingRights);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly lang = this.i18n.lang;
  protected readonly tz = SHANGHAI;
  protected readonly kindKey = kindKey;

  protected readonly state = signal<LoadState<MeetingView>>({ status: 'loading' });
  protected readonly meeting = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  /** 404 (or a malformed id): none, or of chains the user may not read. */
  protected readonly mayRecord = computed(() => {
    const meeting = this.meeting();
    return !!meeting && this.rights.mayRecordFor(meeting.chains.map((c) => c.code));
  });

  protected readonly items = signal<LoadState<ActionItemView[]>>({ status: 'loading' });
  protected readonly itemList = computed(() => {
    const state = this.items();
    return state.status === 'ready' ? state.value : [];
  });
  protected readonly itemsErrorText = computed(() => {
    const state = this.items();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly adding = signal(false);

  protected readonly chains = signal<ChainView[]>([]);
  protected readonly units = signal<UnitView[]>([]);
  protected readonly chainText = computed(() => {
    const meeting = this.meeting();
    return meeting ? chainNames(meeting.chains, this.lang(), this.chains()) : '';
  });
  protected readonly unitText = computed(() =>
    (this.meeting()?.attendingUnits ?? []).map((u) => u.name).join(this.lang() === 'en' ? ', ' : '、'),
  );
  protected readonly attendeeText = computed(() =>
    (this.meeting()?.attendees ?? []).join(this.lang() === 'en' ? ', ' : '、'),
  );

  private readonly itemForm = viewChild(ActionItemForm);

  /** 新增交办事项 open with something typed. */
  hasUnsavedChanges(): boolean {
    return this.itemForm()?.hasUnsavedChanges() ?? false;
  }

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    this.api
      .listChains()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (chains) => this.chains.set(chains), error: () => undefined });
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.api
      .getMeeting(this.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meeting) => {
          this.state.set({ status: 'ready', value: meeting });
          this.loadItems();
        },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected loadItems(): void {
    this.items.set({ status: 'loading' });
    this.api
      .listActionItems({ meetingId: this.id, filter: 'all' })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => this.items.set({ status: 'ready', value: items }),
        error: (error: unknown) => this.items.set({ status: 'error', error }),
      });
  }

  protected startAdding(): void {
    this.adding.set(true);
    if (!this.units().length) {
      this.api
        .listUnits()
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({ next: (units) => this.units.set(units), error: () => undefined });
    }
  }

  protected added(item: ActionItemView): void {
    this.adding.set(false);
    // Say what happened: a unit without user accounts was told nothing.
    if (item.notified === 0) this.message.warning(this.i18n.t('meetings.itemForm.createdNobody'), { nzDuration: 8000 });
    else this.message.success(this.i18n.t('meetings.itemForm.created'));
    this.items.update((state) =>
      state.status === 'ready' ? { status: 'ready', value: [...state.value, item] } : state,
    );
    this.refreshCounts();
  }

  protected replace(item: ActionItemView): void {
    this.items.update((state) =>
      state.status === 'ready'
        ? { status: 'ready', value: state.value.map((i) => (i.id === item.id ? item : i)) }
        : state,
    );
    this.refreshCounts();
  }

  /** The meeting's open and overdue counts follow its items. */
  private refreshCounts(): void {
    const items = this.itemList();
    this.state.update((state) =>
      state.status === 'ready'
        ? {
            status: 'ready',
            value: {
              ...state.value,
              openItems: items.filter((i) => i.status !== 'done').length,
              overdueItems: items.filter((i) => i.overdue).length,
            },
          }
        : state,
    );
  }
}
