import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PlanMissingView } from '@crm/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * What a page shows in place of its figures while the year's plan (年度工作方案) is not
 * published: the API's message, plainly, and for the office a way to the plan editor
 * (/plan/:year); everyone else is told the office enters it.
 */
@Component({
  selector: 'crm-plan-missing',
  imports: [NzAlertModule, NzButtonModule, RouterLink, TranslatePipe],
  template: `
    @let p = plan();
    <nz-alert
      class="plan-missing"
      role="status"
      nzType="warning"
      nzShowIcon
      [attr.data-plan-status]="p.planStatus"
      [nzMessage]="title"
      [nzDescription]="body"
    />
    <ng-template #title>
      <strong class="plan-missing-title">{{
        (p.planStatus === 'draft'
          ? 'planMissing.title.draft'
          : 'planMissing.title.none'
        ) | t: { year: p.year }
      }}</strong>
    </ng-template>
    <ng-template #body>
      <p class="plan-missing-message">{{ message() }}</p>
      @if (note()) {
        <p class="plan-missing-note">{{ note() }}</p>
      }
      @if (canEdit()) {
        <a
          nz-button
          nzType="primary"
          class="plan-missing-edit no-print"
          [routerLink]="link()"
          >{{
            (p.planStatus === 'draft'
              ? 'planMissing.publish'
              : 'planMissing.enter'
            ) | t: { year: p.year }
          }}</a
        >
      } @else {
        <p class="plan-missing-ask">{{ 'planMissing.askOffice' | t }}</p>
      }
    </ng-template>
  `,
  styles: `
    :host {
      display: block;
    }
    p {
      margin: 4px 0 8px;
    }
    .plan-missing-note,
    .plan-missing-ask {
      color: rgba(0, 0, 0, 0.55);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanMissingNotice {
  readonly plan = input.required<PlanMissingView>();
  /** A line under the message (what the page shows instead), already translated. */
  readonly note = input('');

  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  /** The office enters and publishes the plan; leaders and staff read it. */
  protected readonly canEdit = computed(() => this.auth.hasRole('office'));
  protected readonly link = computed(() => `/plan/${this.plan().year}`);
  /** The API writes "中文 / English": the half of the interface's language. */
  protected readonly message = computed(() => {
    const [zh, en] = this.plan().message.split(' / ');
    return this.i18n.lang() === 'en' && en ? en : zh;
  });
}
