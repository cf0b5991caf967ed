import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  INSTRUCTION_MAX_LENGTH,
  mayAnswerInstruction,
  type ChainCode,
  type InstructionView,
} from '@crm/domain';
import { AuthService, I18nService, TranslatePipe, apiErrorText, type MessageKey } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { InstructionsApi } from '../data-access/instructions.api';

/** An ISO instant as a date and time in Asia/Shanghai: "2025-09-10 10:01". */
export function shanghaiDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const v = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

/** What the panel shows while loading, when the list failed, and when it is in. */
type PanelState = { status: 'loading' } | { status: 'error'; text: string } | { status: 'ready' };

/**
 * 领导批示 on the project page, as a conversation: each instruction with its thread and where it
 * stands (已读 / 已阅 / 已回复 with times). The project's owner opening the page marks them read;
 * the owner and the chain's staff acknowledge (已阅) and reply; the chain's leaders write and follow
 * up. This only shows controls; the API decides (403/404).
 */
@Component({
  selector: 'crm-instructions-panel',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzCardModule, NzInputModule, NzTagModule, TranslatePipe],
  templateUrl: './instructions-panel.html',
  styleUrl: './instructions-panel.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstructionsPanel {
  private readonly api = inject(InstructionsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  readonly projectId = input.required<string>();
  readonly ownerId = input.required<string>();
  readonly chain = input.required<ChainCode>();

  protected readonly max = INSTRUCTION_MAX_LENGTH;
  protected readonly at = shanghaiDateTime;
  protected readonly state = signal<PanelState>({ status: 'loading' });
  protected readonly items = signal<InstructionView[]>([]);
  /** Reply drafts by instruction id. */
  protected readonly drafts = signal<Record<string, string>>({});
  protected readonly draft = signal('');
  protected readonly busy = signal<string | null>(null);

  private readonly userId = computed(() => this.auth.user()?.id ?? null);
  /** The owner or the chain's staff: they acknowledge and reply. */
  protected readonly answers = computed(() => {
    const user = this.auth.user();
    return !!user && mayAnswerInstruction(
      { id: user.id, editableChains: user.editableChainCodes },
      { ownerId: this.ownerId(), chain: this.chain() },
    );
  });
  /** A leader reading the chain: writes 批示 and follows up (the API checks they lead it today). */
  protected readonly leads = computed(
    () => this.auth.hasRole('leader') && (this.auth.user()?.chainCodes ?? []).includes(this.chain()),
  );
  protected readonly open = computed(() => this.items().filter((i) => !i.repliedAt).length);

  constructor() {
    effect(() => {
      const id = this.projectId();
      const isOwner = this.userId() === this.ownerId();
      void this.load(id, isOwner);
    });
  }

  private async load(projectId: string, isOwner: boolean): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      // The owner's visit is what "read" means: the API records it once.
      const list = await firstValueFrom(isOwner ? this.api.opened(projectId) : this.api.list(projectId));
      this.items.set(list);
      this.state.set({ status: 'ready' });
    } catch (error) {
      this.state.set({ status: 'error', text: apiErrorText(error, this.i18n) });
    }
  }

  protected retry(): void {
    void this.load(this.projectId(), this.userId() === this.ownerId());
  }

  protected author(i: InstructionView): string {
    return i.personName ?? i.author.displayName;
  }

  protected replyText(id: string): string {
    return this.drafts()[id] ?? '';
  }

  protected setReply(id: string, text: string): void {
    this.drafts.update((d) => ({ ...d, [id]: text }));
  }

  protected async acknowledge(i: InstructionView): Promise<void> {
    await this.act(i.id, () => firstValueFrom(this.api.acknowledge(this.projectId(), i)), 'pipeline.instructions.acknowledged');
  }

  protected async reply(i: InstructionView): Promise<void> {
    const text = this.replyText(i.id).trim();
    if (!text) {
      this.message.warning(this.i18n.t('pipeline.instructions.replyEmpty'));
      return;
    }
    const ok = await this.act(i.id, () => firstValueFrom(this.api.reply(this.projectId(), i, text)), 'pipeline.instructions.replied');
    if (ok) this.setReply(i.id, '');
  }

  protected async write(): Promise<void> {
    const text = this.draft().trim();
    if (!text) {
      this.message.warning(this.i18n.t('pipeline.instructions.writeEmpty'));
      return;
    }
    this.busy.set('new');
    try {
      const created = await firstValueFrom(this.api.write(this.projectId(), text));
      this.items.update((list) => [created, ...list]);
      this.draft.set('');
      this.message.success(this.i18n.t('pipeline.instructions.sent'));
    } catch (error) {
      this.message.error(apiErrorText(error, this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  /** One write on an instruction; a 409 shows the instruction as someone else left it. */
  private async act(id: string, call: () => Promise<InstructionView>, done: MessageKey): Promise<boolean> {
    this.busy.set(id);
    try {
      this.replace(await call());
      this.message.success(this.i18n.t(done));
      return true;
    } catch (error) {
      const current = (error as { status?: number; error?: { current?: InstructionView } }).error?.current;
      if ((error as { status?: number }).status === 409 && current) {
        this.replace(current);
        this.message.warning(this.i18n.t('pipeline.instructions.stale'));
      } else {
        this.message.error(apiErrorText(error, this.i18n));
      }
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  private replace(view: InstructionView): void {
    this.items.update((list) => list.map((i) => (i.id === view.id ? view : i)));
  }
}
