import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ChainProgressView, TargetMeasure } from '@crm/domain';
import { I18nService, PlanMissingNotice, TranslatePipe } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzProgressModule } from 'ng-zorro-antd/progress';

/** A completion rate for the bar: the API's percentage (a display figure, not money), capped. */
function percent(rate: string | null): number {
  const value = rate === null ? 0 : Number(rate);
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** 目标完成情况: a chain's signed amount, big projects and funds in place against its year's targets. */
@Component({
  selector: 'crm-chain-progress-panel',
  imports: [NzProgressModule, PlanMissingNotice, TranslatePipe, WanPipe],
  template: `
    @let p = progress();
    @if (p.plan; as plan) {
      <!-- The year's plan is not published: actuals only, and the way to the plan editor. -->
      <crm-plan-missing class="plan-notice" [plan]="plan" [note]="'planMissing.actualsOnly' | t" />
    } @else if (!p.target) {
      <p class="no-target">{{ 'pipeline.progress.noTarget' | t: { year: p.year } }}</p>
    }
    <div class="measures">
      <section class="measure signed" [attr.aria-label]="'pipeline.progress.signed' | t">
        <h3>{{ 'pipeline.progress.signed' | t }}</h3>
        <div class="figure">
          <span class="actual">{{ p.signedAmount.actual | wan: lang() : 2 }}</span>
          @if (p.signedAmount.target) {
            <span class="target">/ {{ atLeast(p.signedAmount.target, !!p.target?.signedAtLeast) }}</span>
          }
        </div>
        @if (p.signedAmount.rate !== null) {
          <nz-progress [nzPercent]="bar(p.signedAmount)" [nzShowInfo]="false" nzSize="small" />
          <div class="note rate">{{ 'pipeline.progress.rate' | t: { rate: p.signedAmount.rate } }}</div>
        }
        <div class="note">{{ 'pipeline.progress.signedProjects' | t: { count: p.signedProjectCount } }}</div>
      </section>
      <section class="measure big" [attr.aria-label]="bigLabel()">
        <h3>{{ bigLabel() }}</h3>
        <div class="figure">
          <span class="actual">{{ 'pipeline.progress.count' | t: { count: p.bigProjects.count } }}</span>
          @if (p.bigProjects.target !== null) {
            <span class="target">/ {{ atLeastCount(p.bigProjects.target, !!p.target?.bigProjectAtLeast) }}</span>
          }
        </div>
        @if (p.bigProjects.rate !== null) {
          <nz-progress [nzPercent]="bigBar()" [nzShowInfo]="false" nzSize="small" />
          <div class="note rate">{{ 'pipeline.progress.rate' | t: { rate: p.bigProjects.rate } }}</div>
        }
      </section>
      <section class="measure funds" [attr.aria-label]="'pipeline.progress.funds' | t">
        <h3>{{ 'pipeline.progress.funds' | t }}</h3>
        <div class="figure">
          <span class="actual">{{ p.fundsInPlace.actual | wan: lang() : 2 }}</span>
          @if (p.fundsInPlace.target) {
            <span class="target">/ {{ atLeast(p.fundsInPlace.target, !!p.target?.fundsAtLeast) }}</span>
          }
        </div>
        @if (p.fundsInPlace.rate !== null) {
          <nz-progress [nzPercent]="bar(p.fundsInPlace)" [nzShowInfo]="false" nzSize="small" />
          <div class="note rate">{{ 'pipeline.progress.rate' | t: { rate: p.fundsInPlace.rate } }}</div>
        }
        <div class="note">{{ 'pipeline.progress.verified' | t: { amount: (p.fundsInPlaceVerified.actual | wan: lang() : 2) } }}</div>
      </section>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .no-target {
      margin: 0 0 8px;
      color: rgba(0, 0, 0, 0.62);
    }
    .measures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 16px;
    }
    h3 {
      margin: 0 0 4px;
      font-size: 13px;
      font-weight: normal;
      color: rgba(0, 0, 0, 0.55);
    }
    .figure {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px;
    }
    .actual {
      font-size: 20px;
      font-weight: 600;
    }
    .target,
    .note {
      color: rgba(0, 0, 0, 0.62);
    }
    .note {
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainProgressPanel {
  readonly progress = input.required<ChainProgressView>();

  private readonly i18n = inject(I18nService);
  protected readonly lang = this.i18n.lang;

  protected readonly bigLabel = computed(() => {
    const threshold = this.progress().bigProjects.threshold;
    return threshold
      ? this.i18n.t('pipeline.progress.bigProjects', { threshold: new WanPipe().transform(threshold, this.lang()) })
      : this.i18n.t('pipeline.progress.bigProjectsNoThreshold');
  });
  protected readonly bigBar = computed(() => percent(this.progress().bigProjects.rate));

  /** A target amount as the plan writes it: "140亿元以上" where it says at least. */
  protected atLeast(target: string, atLeast: boolean): string {
    const value = new WanPipe().transform(target, this.lang(), 2);
    return atLeast ? this.i18n.t('target.atLeast.amount', { value }) : value;
  }

  /** A required count as the plan writes it: "不少于5 个" where it says at least. */
  protected atLeastCount(target: number, atLeast: boolean): string {
    const value = this.i18n.t('pipeline.progress.count', { count: target });
    return atLeast ? this.i18n.t('target.atLeast.count', { value }) : value;
  }

  protected bar(measure: TargetMeasure): number {
    return percent(measure.rate);
  }
}
