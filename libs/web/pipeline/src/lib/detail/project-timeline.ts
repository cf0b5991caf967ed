import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { TimelineEntry } from '@crm/domain';
import { I18nService, TranslatePipe, type MessageKey } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import {
  activityKindKey,
  agreementKindKey,
  conclusionKey,
  stageKey,
  statusKey,
} from '../data-access/labels';

const COLORS: Record<TimelineEntry['kind'], string> = {
  activity: 'blue',
  'stage-move': 'green',
  'status-change': 'orange',
  evaluation: 'purple',
  agreement: 'red',
  'fund-arrival': 'gray',
};

/** 项目动态: contacts, moves, status changes, evaluations, agreements and funds, newest first. */
@Component({
  selector: 'crm-project-timeline',
  imports: [NzTagModule, NzTimelineModule, TranslatePipe, WanPipe],
  template: `
    @if (entries().length) {
      <nz-timeline>
        @for (entry of entries(); track entry.kind + entry.at + $index) {
          <nz-timeline-item [nzColor]="color(entry)">
            <div class="entry" [attr.data-kind]="entry.kind">
              <div class="when">
                <time>{{ entry.date }}</time>
                <span class="kind">{{ kindKey(entry) | t }}</span>
              </div>
              @switch (entry.kind) {
                @case ('activity') {
                  <div class="title">
                    <nz-tag>{{ activityKindKey(entry.activity.kind) | t }}</nz-tag>
                    <span class="summary">{{ entry.activity.summary }}</span>
                  </div>
                  @if (entry.activity.ourParticipants.length || entry.activity.theirParticipants.length) {
                    <div class="detail">
                      @if (entry.activity.ourParticipants.length) {
                        {{ 'pipeline.timeline.our' | t: { names: names(entry.activity.ourParticipants) } }}
                      }
                      @if (entry.activity.theirParticipants.length) {
                        {{ 'pipeline.timeline.their' | t: { names: names(entry.activity.theirParticipants) } }}
                      }
                    </div>
                  }
                  @if (entry.activity.nextStep) {
                    <div class="detail">{{ 'pipeline.timeline.nextStep' | t: { text: entry.activity.nextStep } }}</div>
                  }
                  @if (entry.activity.nextFollowUpOn) {
                    <div class="detail">{{ 'pipeline.timeline.nextFollowUp' | t: { date: entry.activity.nextFollowUpOn } }}</div>
                  }
                  <div class="by">{{ entry.activity.createdBy?.displayName }}</div>
                }
                @case ('stage-move') {
                  <div class="title">
                    @if (entry.move.from) {
                      {{ 'pipeline.timeline.moved' | t: { from: (stageKey(entry.move.from) | t), to: (stageKey(entry.move.to) | t) } }}
                      @if (entry.move.direction === 'backward') {
                        <nz-tag nzColor="orange">{{ 'pipeline.timeline.back' | t }}</nz-tag>
                      }
                    } @else {
                      {{ 'pipeline.timeline.created' | t: { stage: (stageKey(entry.move.to) | t) } }}
                    }
                  </div>
                  @if (entry.move.reason) {
                    <div class="detail">{{ 'pipeline.timeline.reason' | t: { text: entry.move.reason } }}</div>
                  }
                  <div class="by">{{ entry.move.movedBy?.displayName }}</div>
                }
                @case ('status-change') {
                  <div class="title">
                    {{ 'pipeline.timeline.status' | t: { from: (statusKey(entry.change.from) | t), to: (statusKey(entry.change.to) | t) } }}
                  </div>
                  @if (entry.change.reason) {
                    <div class="detail">{{ 'pipeline.timeline.reason' | t: { text: entry.change.reason } }}</div>
                  }
                  <div class="by">{{ entry.change.changedBy?.displayName }}</div>
                }
                @case ('evaluation') {
                  <div class="title">
                    @if (entry.evaluation.conclusion; as conclusion) {
                      {{ 'pipeline.timeline.concluded' | t: { conclusion: (conclusionKey(conclusion) | t) } }}
                    } @else {
                      {{ 'pipeline.timeline.evaluationOpened' | t }}
                    }
                  </div>
                  @if (entry.evaluation.conditions) {
                    <div class="detail">{{ entry.evaluation.conditions }}</div>
                  }
                  <div class="by">{{ (entry.evaluation.concludedBy ?? entry.evaluation.openedBy)?.displayName }}</div>
                }
                @case ('agreement') {
                  <div class="title">
                    {{ agreementKindKey(entry.agreement.kind) | t }}
                    <strong>{{ entry.agreement.amount | wan: lang() }}</strong>
                    <span class="ref">{{ entry.agreement.agreementRef }}</span>
                  </div>
                  <div class="by">{{ entry.agreement.createdBy?.displayName }}</div>
                }
                @case ('fund-arrival') {
                  <div class="title">
                    {{ 'pipeline.timeline.funds' | t: { month: entry.fundArrival.month } }}
                    <strong>{{ entry.fundArrival.amount | wan: lang() }}</strong>
                    @if (entry.fundArrival.verified) {
                      <nz-tag nzColor="green">{{ 'pipeline.ledger.verified' | t }}</nz-tag>
                    }
                  </div>
                  <div class="by">{{ entry.fundArrival.createdBy?.displayName }}</div>
                }
              }
            </div>
          </nz-timeline-item>
        }
      </nz-timeline>
    } @else {
      <p class="empty">{{ 'pipeline.timeline.empty' | t }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .when {
      display: flex;
      gap: 8px;
      color: rgba(0, 0, 0, 0.62);
      font-size: 12px;
    }
    .title {
      margin-top: 2px;
    }
    .summary {
      white-space: pre-wrap;
    }
    .detail {
      color: rgba(0, 0, 0, 0.65);
      font-size: 13px;
    }
    .by {
      color: rgba(0, 0, 0, 0.62);
      font-size: 12px;
    }
    .ref {
      margin-left: 8px;
      color: rgba(0, 0, 0, 0.62);
    }
    .empty {
      color: rgba(0, 0, 0, 0.62);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectTimeline {
  readonly entries = input.required<TimelineEntry[]>();

  private readonly i18n = inject(I18nService);
  protected readonly lang = this.i18n.lang;
  protected readonly stageKey = stageKey;
  protected readonly statusKey = statusKey;
  protected readonly activityKindKey = activityKindKey;
  protected readonly conclusionKey = conclusionKey;
  protected readonly agreementKindKey = agreementKindKey;

  protected color(entry: TimelineEntry): string {
    return COLORS[entry.kind];
  }

  protected kindKey(entry: TimelineEntry): MessageKey {
    return `pipeline.timeline.kind.${entry.kind}`;
  }

  protected names(list: string[]): string {
    return list.join(this.lang() === 'en' ? ', ' : '、');
  }
}
