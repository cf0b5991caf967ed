import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { KeyTaskProgressPart, MilestoneState, Stage } from '@crm/domain';
import { TranslatePipe, type MessageKey } from '@crm/web/core';
import { NzTagModule } from 'ng-zorro-antd/tag';

const STATE_COLOR: Record<MilestoneState, string> = { done: 'success', 'on-track': 'processing', behind: 'error' };

/** "4000.0000" → "4000", "37.50" stays. */
function plain(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/**
 * A key task's milestones and goals, one line each with its state (已完成 / 按序时推进 / 滞后):
 * the named project, the stage the plan commits it to and where it stands; the goal's achieved
 * share of its target. Used by the chain leader page, the unit's monthly report and the roll-up.
 * Renders nothing for figures frozen before milestones were kept (no `milestones` on the task).
 */
@Component({
  selector: 'crm-key-task-progress',
  imports: [NzTagModule, RouterLink, TranslatePipe],
  template: `
    @let t = task();
    @if (t.milestones && t.goals) {
      @if (t.milestones.length || t.goals.length) {
        <p class="summary">
          <nz-tag nzColor="success">{{ 'cockpit.keyTasks.state.done' | t }} {{ t.done ?? 0 }}</nz-tag>
          <nz-tag nzColor="processing">{{ 'cockpit.keyTasks.state.on-track' | t }} {{ t.onTrack ?? 0 }}</nz-tag>
          <nz-tag nzColor="error">{{ 'cockpit.keyTasks.state.behind' | t }} {{ t.behind ?? 0 }}</nz-tag>
        </p>
        <ul class="items">
          @for (m of t.milestones; track m.id) {
            <li class="milestone" [attr.data-state]="m.state">
              <nz-tag [nzColor]="color(m.state)">{{ stateKey(m.state) | t }}</nz-tag>
              @if (m.projectId && linkProjects()) {
                <a [routerLink]="['/projects', m.projectId]">{{ m.projectName }}</a>
              } @else {
                <span>{{ m.projectName }}</span>
              }
              <span class="muted">
                {{ 'cockpit.keyTasks.target' | t: { stage: (stageKey(m.targetStage) | t) } }}
                @if (m.wording) {
                  （{{ m.wording }}）
                }
                ·
                @if (m.currentStage) {
                  {{ 'cockpit.keyTasks.current' | t: { stage: (stageKey(m.currentStage) | t) } }}
                } @else {
                  {{ 'cockpit.keyTasks.noProject' | t }}
                }
              </span>
            </li>
          }
          @for (g of t.goals; track g.id) {
            <li class="goal" [attr.data-state]="g.state">
              <nz-tag [nzColor]="color(g.state)">{{ stateKey(g.state) | t }}</nz-tag>
              <span>{{ g.label }}</span>
              <span class="muted">
                {{
                  'cockpit.keyTasks.goal'
                    | t: { achieved: plain(g.achieved), target: plain(g.target), unit: g.measureUnit, rate: g.rate }
                }}
              </span>
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'cockpit.keyTasks.nothingMeasurable' | t }}</p>
      }
      @if (showUnits() && t.units?.length) {
        <p class="muted">{{ 'cockpit.keyTasks.units' | t: { units: unitList() } }}</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    p {
      margin: 4px 0 0;
    }
    .summary nz-tag {
      margin-right: 4px;
    }
    .items {
      margin: 4px 0 0;
      padding: 0;
      list-style: none;
    }
    .items li {
      padding: 2px 0;
      line-height: 22px;
    }
    .items nz-tag {
      margin-right: 6px;
    }
    .muted {
      margin-left: 6px;
      color: rgba(0, 0, 0, 0.62);
    }
    p.muted {
      margin-left: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyTaskProgressList {
  readonly task = input.required<KeyTaskProgressPart>();
  /** Link each named project to its page (off in printed or exported views). */
  readonly linkProjects = input(true);
  readonly showUnits = input(false);

  protected readonly unitList = computed(() => (this.task().units ?? []).join('、'));
  protected readonly plain = plain;
  protected color(state: MilestoneState): string {
    return STATE_COLOR[state];
  }
  protected stateKey(state: MilestoneState): MessageKey {
    return `cockpit.keyTasks.state.${state}`;
  }
  protected stageKey(stage: Stage): MessageKey {
    return `pipeline.stage.${stage}`;
  }
}
