import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslatePipe } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzInputModule } from 'ng-zorro-antd/input';

/**
 * 修改原因: asked on every save once the year's plan is published (the API refuses the change
 * without it and writes it into the audit log with the before and after).
 */
@Component({
  selector: 'crm-plan-reason',
  imports: [FormsModule, NzAlertModule, NzInputModule, TranslatePipe],
  template: `
    <div class="reason">
      <nz-alert class="reason-alert" nzType="warning" nzShowIcon [nzMessage]="'plan.reason.published' | t" />
      <label class="field-label" [for]="inputId()">{{ 'plan.reason.label' | t }}</label>
      <textarea
        nz-input
        class="reason-input"
        rows="2"
        maxlength="200"
        [id]="inputId()"
        [placeholder]="'plan.reason.placeholder' | t"
        [ngModel]="reason()"
        (ngModelChange)="reason.set($event)"
      ></textarea>
    </div>
  `,
  styles: `
    .reason {
      margin-top: 16px;
    }
    .reason-alert {
      margin-bottom: 8px;
    }
    .field-label {
      display: block;
      margin-bottom: 4px;
      font-weight: 500;
    }
    .field-label::before {
      content: '* ';
      color: #ff4d4f;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanReasonField {
  readonly reason = model('');
  readonly inputId = input('plan-reason');
}
