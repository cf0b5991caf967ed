import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  ACTIVITY_KINDS,
  PROJECT_TEXT_LIMITS as L,
  type ActivityKind,
  type ActivityView,
  type ContactView,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { firstValueFrom } from 'rxjs';
import { fieldProblems } from '../data-access/api-problems';
import { activityKindKey } from '../data-access/labels';
import { InvestorsApi } from '../data-access/investors.api';
import { PipelineApi } from '../data-access/pipeline.api';
import { textOrNull, validDate } from '../form/field-checks';
import { DateInput } from '@crm/web/ui';

/**
 * 登记跟进: the kind, today's date and a line of what was said are enough; the people met, the
 * next step and the next follow-up date are there for who has them at hand.
 */
@Component({
  selector: 'crm-activity-form',
  imports: [
    DateInput,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  template: `
    <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="submit()" novalidate class="activity-form">
      <nz-form-item>
        <nz-form-label>{{ 'pipeline.activity.kind' | t }}</nz-form-label>
        <nz-form-control>
          <nz-radio-group formControlName="kind" nzButtonStyle="solid" nzSize="small" class="kinds">
            @for (kind of kinds; track kind) {
              <label nz-radio-button [nzValue]="kind">{{ activityKindKey(kind) | t }}</label>
            }
          </nz-radio-group>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="activity-date" nzRequired>{{ 'pipeline.activity.date' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['occurredOn'] ? 'error' : ''" [nzErrorTip]="errors()['occurredOn']">
          <crm-date-input inputId="activity-date" formControlName="occurredOn" [max]="today" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="activity-summary" nzRequired>{{ 'pipeline.activity.summary' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['summary'] ? 'error' : ''" [nzErrorTip]="errors()['summary']">
          <textarea
            nz-input
            id="activity-summary"
            rows="3"
            formControlName="summary"
            [attr.maxlength]="limits.activitySummary"
            [placeholder]="'pipeline.activity.summaryPlaceholder' | t"
          ></textarea>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="activity-follow-up">{{ 'pipeline.activity.nextFollowUp' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors()['nextFollowUpOn'] ? 'error' : ''" [nzErrorTip]="errors()['nextFollowUpOn']">
          <crm-date-input inputId="activity-follow-up" formControlName="nextFollowUpOn" />
        </nz-form-control>
      </nz-form-item>
      @if (more()) {
        <nz-form-item>
          <nz-form-label nzFor="activity-ours">{{ 'pipeline.activity.ours' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="errors()['ourParticipants'] ? 'error' : ''" [nzErrorTip]="errors()['ourParticipants']">
            <nz-select nzId="activity-ours" nzMode="tags" formControlName="ourParticipants" [nzPlaceHolder]="'pipeline.activity.namesHint' | t" [nzTokenSeparators]="separators" />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzFor="activity-theirs">{{ 'pipeline.activity.theirs' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="errors()['theirParticipants'] ? 'error' : ''" [nzErrorTip]="errors()['theirParticipants']">
            <nz-select nzId="activity-theirs" nzMode="tags" formControlName="theirParticipants" [nzPlaceHolder]="'pipeline.activity.namesHint' | t" [nzTokenSeparators]="separators" />
          </nz-form-control>
        </nz-form-item>
        @if (contacts().length) {
          <nz-form-item>
            <nz-form-label nzFor="activity-contacts">{{ 'investors.contact.participants' | t }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="errors()['contactIds'] ? 'error' : ''" [nzErrorTip]="errors()['contactIds']">
              <nz-select nzId="activity-contacts" nzMode="multiple" formControlName="contactIds" [nzPlaceHolder]="'investors.contact.participantsHint' | t">
                @for (c of contacts(); track c.id) {
                  <nz-option [nzValue]="c.id" [nzLabel]="c.title ? c.name + '（' + c.title + '）' : c.name" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
        }
        <nz-form-item>
          <nz-form-label nzFor="activity-next-step">{{ 'pipeline.activity.nextStep' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="errors()['nextStep'] ? 'error' : ''" [nzErrorTip]="errors()['nextStep']">
            <input nz-input id="activity-next-step" formControlName="nextStep" [attr.maxlength]="limits.nextStep" />
          </nz-form-control>
        </nz-form-item>
      } @else {
        <button nz-button nzType="link" type="button" class="more" (click)="more.set(true)">
          {{ 'pipeline.activity.more' | t }}
        </button>
      }
      @if (failure(); as text) {
        <nz-alert class="failure" nzType="error" nzShowIcon role="alert" [nzMessage]="text" />
      }
      <button nz-button nzType="primary" nzBlock type="submit" class="log-activity" [nzLoading]="submitting()">
        {{ 'pipeline.activity.submit' | t }}
      </button>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .kinds {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 0;
    }
    .more {
      padding: 0;
      margin: -8px 0 12px;
    }
    .failure {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActivityForm {
  private readonly clock = inject(AppClock);
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);

  readonly projectId = input.required<string>();
  /** The project's firm: its contacts (those the user may see) can be named as taking part. */
  readonly enterpriseId = input<string | null>(null);
  readonly logged = output<ActivityView>();
  private readonly investors = inject(InvestorsApi);
  protected readonly contacts = signal<ContactView[]>([]);

  protected readonly kinds = ACTIVITY_KINDS;
  protected readonly activityKindKey = activityKindKey;
  protected readonly limits = L;
  protected readonly separators = [',', '，', '、', ';', '；'];
  protected readonly today = this.clock.today();
  protected readonly more = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly submitting = signal(false);

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: ['negotiation' as ActivityKind],
    occurredOn: [this.today],
    summary: [''],
    nextFollowUpOn: [''],
    ourParticipants: [[] as string[]],
    theirParticipants: [[] as string[]],
    nextStep: [''],
    contactIds: [[] as string[]],
  });

  constructor() {
    effect((onCleanup) => {
      const enterpriseId = this.enterpriseId();
      this.contacts.set([]);
      if (!enterpriseId) return;
      const sub = this.investors.contacts({ enterpriseId }).subscribe({
        next: (list) => this.contacts.set(list.items.filter((c) => !c.anonymised)),
        error: () => this.contacts.set([]),
      });
      onCleanup(() => sub.unsubscribe());
    });
  }

  private check(): Record<string, string> {
    const v = this.form.getRawValue();
    const errors: Record<string, string> = {};
    if (!validDate(v.occurredOn)) errors['occurredOn'] = this.i18n.t('pipeline.form.badDate');
    else if (v.occurredOn > this.clock.today()) errors['occurredOn'] = this.i18n.t('pipeline.activity.future');
    if (!v.summary.trim()) errors['summary'] = this.i18n.t('pipeline.activity.summaryRequired');
    if (v.nextFollowUpOn) {
      if (!validDate(v.nextFollowUpOn)) errors['nextFollowUpOn'] = this.i18n.t('pipeline.form.badDate');
      else if (v.nextFollowUpOn < v.occurredOn) errors['nextFollowUpOn'] = this.i18n.t('pipeline.activity.followUpBefore');
    }
    return errors;
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    const errors = this.check();
    this.errors.set(errors);
    this.failure.set('');
    if (Object.keys(errors).length) return;
    const v = this.form.getRawValue();
    this.submitting.set(true);
    try {
      const activity = await firstValueFrom(
        this.api.logActivity(this.projectId(), {
          kind: v.kind,
          occurredOn: v.occurredOn,
          summary: v.summary.trim(),
          nextFollowUpOn: textOrNull(v.nextFollowUpOn),
          ourParticipants: v.ourParticipants.map((n) => n.trim()).filter(Boolean),
          theirParticipants: v.theirParticipants.map((n) => n.trim()).filter(Boolean),
          nextStep: textOrNull(v.nextStep),
          ...(v.contactIds.length ? { contactIds: v.contactIds } : {}),
        }),
      );
      this.form.reset({ kind: v.kind, occurredOn: this.clock.today() });
      this.more.set(false);
      this.logged.emit(activity);
    } catch (error) {
      this.errors.set(fieldProblems(error, this.i18n.lang()));
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.submitting.set(false);
    }
  }
}
