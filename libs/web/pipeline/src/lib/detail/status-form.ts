import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  PROJECT_STATUSES,
  PROJECT_TEXT_LIMITS as L,
  statusChangeProblems,
  type ProjectStatus,
  type ProjectView,
} from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, isStale } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { firstValueFrom } from 'rxjs';
import { fieldProblems, problemText } from '../data-access/api-problems';
import { statusKey } from '../data-access/labels';
import { PipelineApi } from '../data-access/pipeline.api';

/** 暂缓 / 终止 (with the reason) or 恢复推进. */
@Component({
  selector: 'crm-status-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzRadioModule, TranslatePipe],
  template: `
    <form nz-form nzLayout="vertical" (ngSubmit)="submit()" novalidate>
      <p>{{ 'pipeline.statusForm.current' | t: { status: (statusKey(project().status) | t) } }}</p>
      <nz-form-item>
        <nz-form-label nzRequired>{{ 'pipeline.statusForm.to' | t }}</nz-form-label>
        <nz-form-control>
          <nz-radio-group name="status" [ngModel]="to()" (ngModelChange)="to.set($event)">
            @for (status of options(); track status) {
              <label nz-radio [nzValue]="status">{{ actionKey(status) | t }}</label>
            }
          </nz-radio-group>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="status-reason" [nzRequired]="to() !== 'active'">{{ 'pipeline.statusForm.reason' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['reason'] ? 'error' : ''" [nzErrorTip]="errors()['reason']">
          <textarea nz-input id="status-reason" name="reason" rows="3" [attr.maxlength]="limit" [ngModel]="reason()" (ngModelChange)="reason.set($event)"></textarea>
        </nz-form-control>
      </nz-form-item>
      @if (failure(); as text) {
        <nz-alert class="notice" nzType="error" nzShowIcon role="alert" [nzMessage]="text" />
      }
      <div class="actions">
        <button nz-button type="button" (click)="cancelled.emit()">{{ 'common.cancel' | t }}</button>
        <button nz-button nzType="primary" type="submit" [nzDanger]="to() === 'dropped'" [nzLoading]="saving()" [disabled]="!to()">
          {{ 'common.save' | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .notice {
      margin-bottom: 12px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusForm {
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);

  readonly project = input.required<ProjectView>();
  readonly changed = output<ProjectView>();
  readonly cancelled = output<void>();
  /** 409: the page reloads. */
  readonly stale = output<void>();

  protected readonly statusKey = statusKey;
  protected readonly limit = L.reason;
  protected readonly options = computed(() => PROJECT_STATUSES.filter((s) => s !== this.project().status));
  protected readonly to = signal<ProjectStatus | null>(null);
  protected readonly reason = signal('');
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly saving = signal(false);

  protected actionKey(status: ProjectStatus) {
    return `pipeline.statusForm.action.${status}` as const;
  }

  protected async submit(): Promise<void> {
    const to = this.to();
    if (!to || this.saving()) return;
    const lang = this.i18n.lang();
    const problems = statusChangeProblems(this.project().status, to, this.reason());
    this.errors.set(Object.fromEntries(problems.map((p) => [p.field, problemText(p, lang)])));
    if (problems.length) return;
    this.saving.set(true);
    this.failure.set('');
    try {
      const project = await firstValueFrom(
        this.api.changeStatus(this.project().id, {
          status: to,
          reason: this.reason().trim() || null,
          version: this.project().version,
        }),
      );
      this.changed.emit(project);
    } catch (error) {
      if (isStale(error)) {
        this.failure.set(this.i18n.t('pipeline.stale'));
        this.stale.emit();
      } else {
        this.errors.set(fieldProblems(error, lang));
        this.failure.set(apiErrorText(error, this.i18n));
      }
    } finally {
      this.saving.set(false);
    }
  }
}
