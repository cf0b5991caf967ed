import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, model, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AnnualPlanView, ChainView, PlanImportPreview } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, apiFieldErrors, httpStatus, pickLanguage } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Subscription } from 'rxjs';
import { injectNarrow } from '../data-access/narrow';
import { PlanApi } from '../data-access/plan.api';
import { problemList } from '../data-access/problems';
import { PlanDiffTable } from '../editor/plan-diff-table';
import { PlanReasonField } from '../editor/reason-field';

const YEAR = /^(20\d\d|2100)$/;

/**
 * 从Excel导入: the office uploads a year's plan workbook (as 导出Excel writes it), reads what it
 * would change against the plan in force — or, when the sheets have problems, where they are —
 * and confirms; a published plan asks for the 修改原因. A year without a plan is created as a draft.
 * Nothing is written before 确认导入.
 */
@Component({
  selector: 'crm-plan-import-dialog',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzTableModule,
    PlanDiffTable,
    PlanReasonField,
    TranslatePipe,
  ],
  templateUrl: './plan-import-dialog.html',
  styleUrl: './plan-import-dialog.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanImportDialog {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly narrow = injectNarrow();

  readonly open = model(false);
  /** The year to import into; null lets the office type it (the plan list). */
  readonly year = input<number | null>(null);
  /** The year proposed when it is asked. */
  readonly suggestedYear = input<number | null>(null);
  readonly imported = output<AnnualPlanView>();

  protected readonly yearText = signal('');
  protected readonly yearValid = computed(() => YEAR.test(this.yearText().trim()));
  /** The year the dialog is about: given, or typed. */
  protected readonly shownYear = computed(() => this.year() ?? (this.yearValid() ? Number(this.yearText().trim()) : null));

  protected readonly uploading = signal(false);
  protected readonly uploadError = signal('');
  protected readonly preview = signal<PlanImportPreview | null>(null);
  protected readonly chains = signal<ChainView[]>([]);
  protected readonly problems = computed(() =>
    (this.preview()?.problems ?? []).map((p) => ({ ...p, message: pickLanguage(p.message, this.i18n.lang()) })),
  );

  protected readonly reason = signal('');
  protected readonly reasonError = signal('');
  protected readonly committing = signal(false);
  protected readonly commitErrors = signal<string[]>([]);
  /** The plan changed since the preview (or it was committed): only a new upload helps. */
  protected readonly stale = signal(false);
  protected readonly mayCommit = computed(() => {
    const p = this.preview();
    if (!p || p.status !== 'previewed' || p.problems.length || this.stale()) return false;
    if (!p.createsPlan && !p.differences.length) return false;
    return !p.needsReason || this.reason().trim().length > 0;
  });

  /** Opens the dialog afresh (the page's button). */
  start(): void {
    this.request?.unsubscribe();
    this.yearText.set(String(this.year() ?? this.suggestedYear() ?? new Date().getFullYear()));
    this.again();
    this.open.set(true);
  }

  protected close(): void {
    this.request?.unsubscribe();
    this.uploading.set(false);
    this.committing.set(false);
    this.open.set(false);
  }

  /** Back to choosing a file. */
  protected again(): void {
    this.preview.set(null);
    this.uploadError.set('');
    this.reason.set('');
    this.reasonError.set('');
    this.commitErrors.set([]);
    this.stale.set(false);
  }

  protected chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    // The same file may be chosen again after it is corrected.
    input.value = '';
    if (file) this.upload(file);
  }

  private upload(file: File): void {
    const year = this.shownYear();
    if (year === null || this.uploading()) return;
    if (!/\.xlsx$/i.test(file.name)) {
      this.uploadError.set(this.i18n.t('plan.import.notXlsx'));
      return;
    }
    this.uploadError.set('');
    this.uploading.set(true);
    this.loadChains();
    this.request = this.api
      .uploadWorkbook(year, file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (preview) => {
          this.uploading.set(false);
          this.again();
          this.preview.set(preview);
        },
        error: (error: unknown) => {
          this.uploading.set(false);
          this.uploadError.set(apiErrorText(error, this.i18n));
        },
      });
  }

  /** The chains name the differences' subjects (asked once per visit). */
  private loadChains(): void {
    if (this.chains().length) return;
    this.api
      .chains()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (chains) => this.chains.set(chains), error: () => undefined });
  }

  protected setReason(reason: string): void {
    this.reason.set(reason);
    if (reason.trim()) this.reasonError.set('');
  }

  protected confirm(): void {
    const preview = this.preview();
    if (!preview || this.committing()) return;
    const reason = this.reason().trim();
    if (preview.needsReason && !reason) {
      this.reasonError.set(this.i18n.t('plan.import.reasonRequired'));
      return;
    }
    if (!this.mayCommit()) return;
    this.committing.set(true);
    this.commitErrors.set([]);
    this.request = this.api
      .commitImport(preview.id, preview.needsReason ? reason : null)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (plan) => {
          this.committing.set(false);
          this.open.set(false);
          this.message.success(this.i18n.t('plan.import.done', { year: plan.year }));
          this.imported.emit(plan);
        },
        error: (error: unknown) => {
          this.committing.set(false);
          const status = httpStatus(error);
          const reasonError = status === 422 ? apiFieldErrors(error, this.i18n.lang())['reason'] : undefined;
          if (reasonError) {
            this.reasonError.set(reasonError);
          } else if (status === 422) {
            this.commitErrors.set(problemList(error, this.i18n));
          } else {
            if (status === 409) this.stale.set(true);
            this.commitErrors.set([apiErrorText(error, this.i18n)]);
          }
        },
      });
  }
}
