import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  GUARANTEE_ANSWER_STATUSES,
  GUARANTEE_TEXT_LIMITS,
  formatAuditDateTime,
  type GuaranteeAnswerStatus,
  type GuaranteeRequestView,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText, apiFieldErrors, staleCurrent } from '@crm/web/core';
import { FilesPanel, FilesTextPipe } from '@crm/web/files';
import { DateInput } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { GuaranteesApi } from '../data-access/guarantees.api';
import { STATUS_COLORS, amountsText, kindKey, statusKey } from '../data-access/labels';

interface AnswerDraft {
  status: GuaranteeAnswerStatus | null;
  statusOn: string;
  expectedOn: string;
  note: string;
}

/**
 * One 要素保障 request: the need, the bureau, the due date, where it stands and every answer; for the
 * addressed unit's staff, the answer form (已受理 / 办理中 / 已保障 / 无法满足, its date, a note).
 */
@Component({
  selector: 'crm-guarantee-request-card',
  imports: [DateInput, FilesPanel, FilesTextPipe, FormsModule, NzAlertModule, NzButtonModule, NzCardModule, NzFormModule, NzInputModule, NzRadioModule, NzTagModule, RouterLink, TranslatePipe],
  templateUrl: './guarantee-request-card.html',
  styleUrl: './guarantee-request-card.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GuaranteeRequestCard {
  private readonly api = inject(GuaranteesApi);
  private readonly i18n = inject(I18nService);
  private readonly clock = inject(AppClock);

  readonly request = input.required<GuaranteeRequestView>();
  /** The bureau's queue names the project; the project's own tab does not. */
  readonly showProject = input(true);
  readonly changed = output<GuaranteeRequestView>();

  protected readonly statuses = GUARANTEE_ANSWER_STATUSES;
  protected readonly limits = GUARANTEE_TEXT_LIMITS;
  protected readonly colors = STATUS_COLORS;
  protected readonly kindKey = kindKey;
  protected readonly statusKey = statusKey;
  protected readonly at = formatAuditDateTime;
  protected readonly today = computed(() => this.clock.today());
  protected readonly amounts = computed(() => amountsText(this.request()));

  /** The files (批复, 意见) of the request, loaded when asked for: a queue of many requests lists none by default. */
  protected readonly filesOpen = signal(false);
  protected readonly fileKinds = ['approval', 'opinion', 'other'] as const;
  protected readonly answering = signal(false);
  protected readonly draft = signal<AnswerDraft>({ status: null, statusOn: '', expectedOn: '', note: '' });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly busy = signal(false);
  protected readonly open = computed(() => ['received', 'in-progress'].includes(this.draft().status ?? ''));

  protected startAnswer(): void {
    this.draft.set({ status: null, statusOn: this.today(), expectedOn: '', note: '' });
    this.errors.set({});
    this.failure.set('');
    this.answering.set(true);
  }

  protected patch(change: Partial<AnswerDraft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected async submit(): Promise<void> {
    const d = this.draft();
    const errors: Record<string, string> = {};
    if (!d.status) errors['status'] = this.i18n.t('guarantees.answer.statusRequired');
    if (!d.statusOn) errors['statusOn'] = this.i18n.t('guarantees.answer.dateRequired');
    if (d.status === 'cannot-meet' && !d.note.trim()) errors['note'] = this.i18n.t('guarantees.answer.reasonRequired');
    this.errors.set(errors);
    if (Object.keys(errors).length || !d.status || this.busy()) return;
    this.busy.set(true);
    this.failure.set('');
    try {
      const saved = await firstValueFrom(
        this.api.answer(this.request().id, {
          status: d.status,
          statusOn: d.statusOn,
          expectedOn: this.open() && d.expectedOn ? d.expectedOn : null,
          note: d.note.trim() || null,
          version: this.request().version,
        }),
      );
      this.answering.set(false);
      this.changed.emit(saved);
    } catch (error) {
      // 409: answered meanwhile; show it as it is now.
      const current = staleCurrent<GuaranteeRequestView>(error);
      if (current) this.changed.emit(current);
      this.errors.set(apiFieldErrors(error, this.i18n.lang()));
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
