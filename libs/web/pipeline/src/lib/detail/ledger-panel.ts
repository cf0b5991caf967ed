import {
  ChangeDetectionStrategy,
  Component,
  WritableSignal,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  PROJECT_TEXT_LIMITS as L,
  isSignedStage,
  isYearMonth,
  type FundArrivalView,
  type ProjectDetailView,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { DateInput, WanPipe } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { firstValueFrom } from 'rxjs';
import { fieldProblems } from '../data-access/api-problems';
import { agreementKindKey } from '../data-access/labels';
import { PipelineApi } from '../data-access/pipeline.api';
import { amountPreview, decimalError, textOrNull, validDate } from '../form/field-checks';

/**
 * 签约与到位资金: the agreements (the initial one recorded by the move to 项目签约, then 补充协议
 * increments) and the funds in place month by month, which the office verifies.
 */
@Component({
  selector: 'crm-ledger-panel',
  imports: [
    DateInput,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    NzTableModule,
    NzTagModule,
    ReactiveFormsModule,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './ledger-panel.html',
  styleUrl: './ledger-panel.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LedgerPanel {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly detail = input.required<ProjectDetailView>();
  readonly canEdit = input(false);
  /** 领导小组办公室 verifies fund entries. */
  readonly canVerify = input(false);
  readonly changed = output<void>();

  protected readonly lang = this.i18n.lang;
  protected readonly agreementKindKey = agreementKindKey;
  protected readonly limits = L;
  protected readonly thisMonth = this.clock.month();
  protected readonly today = this.clock.today();

  protected readonly signed = computed(() => isSignedStage(this.detail().project.stage));
  protected readonly canRecord = computed(
    () => this.canEdit() && this.signed() && this.detail().project.status !== 'dropped',
  );

  protected readonly agreementForm = this.fb.group({ amount: [''], signedOn: [this.today], agreementRef: [''], note: [''] });
  protected readonly fundForm = this.fb.group({ month: [this.thisMonth], amount: [''], evidenceNote: [''] });

  hasUnsavedChanges(): boolean {
    return this.agreementForm.dirty || this.fundForm.dirty;
  }
  private readonly agreementValues = toSignal(this.agreementForm.valueChanges, { initialValue: this.agreementForm.getRawValue() });
  private readonly fundValues = toSignal(this.fundForm.valueChanges, { initialValue: this.fundForm.getRawValue() });
  protected readonly agreementPreview = computed(() => amountPreview(this.agreementValues().amount ?? '', this.lang()));
  protected readonly fundPreview = computed(() => amountPreview(this.fundValues().amount ?? '', this.lang()));

  protected readonly showAgreementForm = signal(false);
  protected readonly agreementErrors = signal<Record<string, string>>({});
  protected readonly fundErrors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly busy = signal<string | null>(null);

  protected async addAgreement(): Promise<void> {
    const v = this.agreementForm.getRawValue();
    const errors: Record<string, string> = {};
    const amount = decimalError(v.amount, this.lang());
    if (amount) errors['amount'] = amount;
    if (!validDate(v.signedOn)) errors['signedOn'] = this.i18n.t('pipeline.form.badDate');
    else if (v.signedOn > this.clock.today()) errors['signedOn'] = this.i18n.t('pipeline.ledger.future');
    if (!v.agreementRef.trim()) errors['agreementRef'] = this.i18n.t('pipeline.ledger.refRequired');
    this.agreementErrors.set(errors);
    if (Object.keys(errors).length) return;
    await this.run('agreement', this.agreementErrors, async () => {
      await firstValueFrom(
        this.api.addAgreement(this.detail().project.id, {
          amount: v.amount.trim(),
          signedOn: v.signedOn,
          agreementRef: v.agreementRef.trim(),
          note: textOrNull(v.note),
        }),
      );
      this.agreementForm.reset();
      this.showAgreementForm.set(false);
      this.message.success(this.i18n.t('pipeline.ledger.agreementAdded'));
    });
  }

  protected async addFunds(): Promise<void> {
    const v = this.fundForm.getRawValue();
    const errors: Record<string, string> = {};
    if (!isYearMonth(v.month.trim())) errors['month'] = this.i18n.t('pipeline.ledger.badMonth');
    else if (v.month > this.clock.month()) errors['month'] = this.i18n.t('pipeline.ledger.futureMonth');
    const amount = decimalError(v.amount, this.lang());
    if (amount) errors['amount'] = amount;
    this.fundErrors.set(errors);
    if (Object.keys(errors).length) return;
    await this.run('funds', this.fundErrors, async () => {
      await firstValueFrom(
        this.api.addFundArrival(this.detail().project.id, {
          month: v.month.trim(),
          amount: v.amount.trim(),
          evidenceNote: textOrNull(v.evidenceNote),
        }),
      );
      this.fundForm.reset();
      this.message.success(this.i18n.t('pipeline.ledger.fundsAdded'));
    });
  }

  protected async remove(entry: FundArrivalView): Promise<void> {
    await this.run(`delete-${entry.id}`, null, async () => {
      await firstValueFrom(this.api.deleteFundArrival(this.detail().project.id, entry.id));
      this.message.success(this.i18n.t('pipeline.ledger.fundsDeleted'));
    });
  }

  protected async verify(entry: FundArrivalView, verified: boolean): Promise<void> {
    await this.run(`verify-${entry.id}`, null, async () => {
      await firstValueFrom(this.api.verifyFundArrival(this.detail().project.id, entry.id, verified));
    });
  }

  private async run(
    kind: string,
    errors: WritableSignal<Record<string, string>> | null,
    work: () => Promise<void>,
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.failure.set('');
    try {
      await work();
      this.changed.emit();
    } catch (error) {
      errors?.set(fieldProblems(error, this.lang()));
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.busy.set(null);
    }
  }
}
