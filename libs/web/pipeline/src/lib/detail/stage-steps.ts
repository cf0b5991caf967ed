import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { STAGES, daysPerStage, stageIndex, type ProjectDetailView, type Stage } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { map } from 'rxjs';
import { problemText } from '../data-access/api-problems';
import { stageKey } from '../data-access/labels';

/** The seven stages with the days spent in each, and what the next stage still asks for. */
@Component({
  selector: 'crm-stage-steps',
  imports: [NzButtonModule, NzStepsModule, TranslatePipe],
  template: `
    @let d = detail();
    <nz-steps
      class="steps"
      nzSize="small"
      [nzCurrent]="current()"
      [nzStatus]="d.project.status === 'active' ? 'process' : 'error'"
      [nzDirection]="vertical() ? 'vertical' : 'horizontal'"
      nzLabelPlacement="vertical"
    >
      @for (stage of stages; track stage) {
        <nz-step [nzTitle]="stageKey(stage) | t" [nzDescription]="daysText(stage)" />
      }
    </nz-steps>
    @if (d.nextStage; as next) {
      <div class="next">
        @if (next.missing.length) {
          <span class="next-label">{{ 'pipeline.steps.nextNeeds' | t: { stage: (stageKey(next.stage) | t) } }}</span>
          <ul class="missing">
            @for (item of next.missing; track item.field + item.stage) {
              <li>{{ text(item) }}</li>
            }
          </ul>
        } @else {
          <span class="next-label ready">{{ 'pipeline.steps.nextReady' | t: { stage: (stageKey(next.stage) | t) } }}</span>
        }
        @if (canMove()) {
          <button nz-button nzType="primary" type="button" class="advance" (click)="advance.emit(next.stage)">
            {{ 'pipeline.steps.advance' | t: { stage: (stageKey(next.stage) | t) } }}
          </button>
        }
      </div>
    } @else {
      <p class="next done">{{ 'pipeline.steps.finished' | t }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .steps {
      margin-bottom: 12px;
    }
    .next {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 10px 12px;
      background: #fafafa;
      border-radius: 6px;
    }
    .next-label {
      font-weight: 600;
    }
    .ready {
      color: #389e0d;
    }
    .missing {
      flex: 1 1 280px;
      margin: 0;
      padding-left: 18px;
      color: rgba(0, 0, 0, 0.65);
    }
    .done {
      margin: 0;
      color: #389e0d;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StageSteps {
  readonly detail = input.required<ProjectDetailView>();
  readonly canMove = input(false);
  readonly advance = output<Stage>();

  private readonly i18n = inject(I18nService);
  protected readonly stages = STAGES;
  protected readonly stageKey = stageKey;
  protected readonly vertical = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 767.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly current = computed(() => stageIndex(this.detail().project.stage));
  private readonly days = computed(() => daysPerStage(this.detail().stageSpans));
  private readonly visited = computed(() => new Set(this.detail().stageSpans.map((s) => s.stage)));

  protected daysText(stage: Stage): string {
    return this.visited().has(stage) ? this.i18n.t('pipeline.steps.days', { days: this.days()[stage] }) : '';
  }

  protected text(item: { zh: string; en: string }): string {
    return problemText(item, this.i18n.lang());
  }
}
