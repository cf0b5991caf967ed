import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ActionItemStatus, ActionItemView, ChainView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, staleCurrent } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Observable } from 'rxjs';
import { SHANGHAI, STATUS_COLORS, chainNames, kindKey, statusKey } from '../data-access/meeting-labels';
import { MeetingRights } from '../data-access/meeting-rights';
import { MeetingsApi } from '../data-access/meetings.api';

/** The longest note the API takes. */
export const NOTE_MAX = 2000;

/** 办结 (with what was done) or a progress note, for one item. */
interface Dialog {
  kind: 'done' | 'note';
  item: ActionItemView;
  text: string;
  /** The user tried to send an empty text. */
  missing: boolean;
  saving: boolean;
  error: string;
}

/**
 * 交办事项 as a table: status, owner, due date (逾期 in red), and for the owner and the office the
 * moves (开始办理, 办结 with a note of what was done) and progress notes; each row opens its history.
 */
@Component({
  selector: 'crm-action-item-list',
  imports: [
    DatePipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzTableModule,
    NzTagModule,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './action-item-list.html',
  styleUrl: './action-item-list.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionItemList {
  private readonly api = inject(MeetingsApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly rights = inject(MeetingRights);
  private readonly destroyRef = inject(DestroyRef);

  readonly items = input.required<readonly ActionItemView[]>();
  /** The chains with their English names. */
  readonly chains = input<readonly ChainView[]>([]);
  /** On the items page each row names its meeting; on a meeting's page it does not. */
  readonly showMeeting = input(false);
  /** An item as the API answered a move or a note. */
  readonly changed = output<ActionItemView>();

  protected readonly lang = this.i18n.lang;
  protected readonly tz = SHANGHAI;
  protected readonly noteMax = NOTE_MAX;
  protected readonly kindKey = kindKey;
  protected readonly statusKey = statusKey;
  protected readonly statusColor = (status: ActionItemStatus) => STATUS_COLORS[status];
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly starting = signal<string | null>(null);
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogTitle = computed(() => {
    const d = this.dialog();
    if (!d) return '';
    return this.i18n.t(d.kind === 'done' ? 'meetings.items.doneTitle' : 'meetings.items.noteTitle');
  });

  protected chainText(item: ActionItemView): string {
    return chainNames(item.chains, this.lang(), this.chains());
  }

  protected mayFollowUp(item: ActionItemView): boolean {
    return this.rights.mayFollowUp(item);
  }

  protected toggle(id: string, open: boolean): void {
    this.expanded.update((set) => {
      const next = new Set(set);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** 开始办理: open → in-progress. */
  protected start(item: ActionItemView): void {
    if (this.starting()) return;
    this.starting.set(item.id);
    this.api
      .moveActionItem(item.id, { status: 'in-progress', version: item.version })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (moved) => {
          this.starting.set(null);
          this.message.success(this.i18n.t('meetings.items.started'));
          this.changed.emit(moved);
        },
        error: (error: unknown) => {
          this.starting.set(null);
          this.message.error(apiErrorText(error, this.i18n));
          // Someone else moved it first (409): the row shows the item as it is now.
          const current = staleCurrent<ActionItemView>(error);
          if (current) this.changed.emit(current);
        },
      });
  }

  protected openDialog(kind: Dialog['kind'], item: ActionItemView): void {
    this.dialog.set({ kind, item, text: '', missing: false, saving: false, error: '' });
  }

  protected closeDialog(): void {
    if (!this.dialog()?.saving) this.dialog.set(null);
  }

  protected setText(text: string): void {
    this.dialog.update((d) => (d ? { ...d, text, missing: d.missing && !text.trim() } : d));
  }

  /** 办结 needs a note of what was done; a progress note needs its text. Nothing empty is sent. */
  protected confirm(): void {
    const d = this.dialog();
    if (!d || d.saving) return;
    const text = d.text.trim();
    if (!text) {
      this.dialog.set({ ...d, missing: true });
      return;
    }
    this.dialog.set({ ...d, saving: true, error: '' });
    const call$: Observable<ActionItemView> =
      d.kind === 'done'
        ? this.api.moveActionItem(d.item.id, { status: 'done', note: text, version: d.item.version })
        : this.api.addActionItemNote(d.item.id, text);
    call$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (item) => {
        this.dialog.set(null);
        this.message.success(this.i18n.t(d.kind === 'done' ? 'meetings.items.closed' : 'meetings.items.noted'));
        this.changed.emit(item);
      },
      // What was written stays in the dialog.
      error: (error: unknown) => {
        // Someone else moved it first (409): the row shows it as it is now, the note stays here.
        const current = staleCurrent<ActionItemView>(error);
        if (current) this.changed.emit(current);
        this.dialog.update((cur) =>
          cur ? { ...cur, item: current ?? cur.item, saving: false, error: apiErrorText(error, this.i18n) } : cur,
        );
      },
    });
  }
}
