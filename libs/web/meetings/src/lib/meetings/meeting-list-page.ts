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
import { MEETING_KINDS, type ChainCode, type ChainView, type MeetingKind, type MeetingView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import type { LoadState } from '../data-access/load-state';
import { chainNames, kindKey } from '../data-access/meeting-labels';
import { MeetingRights } from '../data-access/meeting-rights';
import { MeetingsApi } from '../data-access/meetings.api';
import { LoadStateView } from '@crm/web/ui';

/**
 * /meetings — 调度会议: the meetings of the chains the user reads, latest first, with their open
 * and overdue action items; staff of a chain's units and the office record new ones.
 */
@Component({
  selector: 'crm-meeting-list-page',
  imports: [
    LoadStateView,
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './meeting-list-page.html',
  styleUrl: './meeting-list-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingListPage {
  private readonly api = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly rights = inject(MeetingRights);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly kinds = MEETING_KINDS;
  protected readonly kindKey = kindKey;
  protected readonly mayRecord = this.rights.mayRecord;

  protected readonly chain = signal<ChainCode | null>(null);
  /** The API filters by chain; the kind is picked out here. */
  protected readonly kind = signal<MeetingKind | null>(null);

  private readonly allChains = signal<ChainView[]>([]);
  protected readonly chainOptions = computed(() => {
    const readable = this.rights.readableChains();
    const en = this.lang() === 'en';
    return this.allChains()
      .filter((c) => readable.includes(c.code))
      .map((c) => ({ code: c.code, label: en ? c.nameEn : c.nameZh }));
  });

  protected readonly state = signal<LoadState<MeetingView[]>>({ status: 'loading' });
  protected readonly meetings = computed(() => {
    const state = this.state();
    const kind = this.kind();
    const all = state.status === 'ready' ? state.value : [];
    return kind ? all.filter((m) => m.kind === kind) : all;
  });
  protected readonly filtered = computed(() => !!this.chain() || !!this.kind());
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });

  constructor() {
    this.api
      .listChains()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (chains) => this.allChains.set(chains), error: () => undefined });
    this.load();
  }

  protected chainText(meeting: MeetingView): string {
    return chainNames(meeting.chains, this.lang(), this.allChains());
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .listMeetings(this.chain())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meetings) => this.state.set({ status: 'ready', value: meetings }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected setChain(chain: ChainCode | null): void {
    this.chain.set(chain ?? null);
    this.load();
  }

  protected setKind(kind: MeetingKind | null): void {
    this.kind.set(kind ?? null);
  }
}
