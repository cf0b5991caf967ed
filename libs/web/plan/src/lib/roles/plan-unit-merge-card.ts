import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { UnitView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, apiFieldErrors, httpStatus } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { DAY } from '../data-access/plan-labels';
import { PlanApi, type MergedUnit } from '../data-access/plan.api';
import { DateInput } from '@crm/web/ui';

interface MergeForm {
  unitId: number | null;
  intoUnitId: number | null;
  on: string;
  /** The confirmation is open. */
  confirming: boolean;
  saving: boolean;
  /** What the API said when it named no field. */
  error: string;
  intoError: string;
  onError: string;
}

const BLANK: MergeForm = {
  unitId: null,
  intoUnitId: null,
  on: '',
  confirming: false,
  saving: false,
  error: '',
  intoError: '',
  onError: '',
};

/**
 * 单位合并 on /plan/roles (office only): a unit merges into another from a day. The confirmation
 * says what follows — its chain duties and key tasks pass to the other unit, its users move there,
 * its earlier monthly reports stay under its own name — and the result says how many of each.
 */
@Component({
  selector: 'crm-plan-unit-merge-card',
  imports: [DateInput, FormsModule, NzAlertModule, NzButtonModule, NzCardModule, NzInputModule, NzModalModule, NzSelectModule, TranslatePipe],
  templateUrl: './plan-unit-merge-card.html',
  styleUrl: './plan-change-card.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanUnitMergeCard {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  readonly units = input.required<UnitView[]>();
  /** After a merge: the page reloads its units and the chain's roles. */
  readonly merged = output<MergedUnit>();

  protected readonly form = signal<MergeForm>(BLANK);

  /** A merge being filled in and not done. */
  hasUnsavedChanges(): boolean {
    const f = this.form();
    return !!(f.unitId || f.intoUnitId || f.on);
  }
  /** Any unit but the one being merged. */
  protected readonly targets = computed(() => this.units().filter((u) => u.id !== this.form().unitId));
  protected readonly valid = computed(() => {
    const f = this.form();
    return f.unitId !== null && f.intoUnitId !== null && f.intoUnitId !== f.unitId && DAY.test(f.on);
  });
  protected readonly names = computed(() => {
    const f = this.form();
    const name = (id: number | null) => this.units().find((u) => u.id === id)?.name ?? '';
    return { unit: name(f.unitId), into: name(f.intoUnitId), date: f.on };
  });
  protected readonly result = signal<MergedUnit | null>(null);

  protected patch(changes: Partial<MergeForm>): void {
    this.form.update((f) => {
      const next = { ...f, ...changes, error: '' };
      if ('unitId' in changes || 'intoUnitId' in changes) next.intoError = '';
      if ('on' in changes) next.onError = '';
      if (next.intoUnitId !== null && next.intoUnitId === next.unitId) next.intoUnitId = null;
      return next;
    });
  }

  protected ask(): void {
    if (!this.valid()) return;
    this.result.set(null);
    this.form.update((f) => ({ ...f, confirming: true, error: '' }));
  }

  protected cancel(): void {
    if (this.form().saving) return;
    this.form.update((f) => ({ ...f, confirming: false }));
  }

  protected merge(): void {
    const f = this.form();
    if (!this.valid() || f.saving || f.unitId === null || f.intoUnitId === null) return;
    this.form.set({ ...f, saving: true, error: '', intoError: '', onError: '' });
    this.api
      .mergeUnit(f.unitId, { intoUnitId: f.intoUnitId, on: f.on })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (merged) => {
          this.form.set(BLANK);
          this.result.set(merged);
          this.message.success(this.i18n.t('plan.merge.done', { name: merged.name, into: merged.mergedInto.name }));
          this.merged.emit(merged);
        },
        error: (error: unknown) => {
          const fields = httpStatus(error) === 422 ? apiFieldErrors(error, this.i18n.lang()) : {};
          const named = Boolean(fields['intoUnitId'] || fields['on']);
          // Field errors go under the fields, so the office can correct them; the rest in the dialog.
          this.form.update((x) => ({
            ...x,
            saving: false,
            confirming: !named,
            error: named ? '' : apiErrorText(error, this.i18n),
            intoError: fields['intoUnitId'] ?? '',
            onError: fields['on'] ?? '',
          }));
        },
      });
  }
}
