import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { LandRoute, RollUpChainFigures, Stage } from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe } from '@crm/web/core';
import { KeyTaskProgressList, YearOnYearNote, bigProjectsLabel } from '@crm/web/cockpit';
import { WanPipe } from '@crm/web/ui';
import { NzCollapseModule } from 'ng-zorro-antd/collapse';
import { NzTableModule } from 'ng-zorro-antd/table';
import { percent } from './rate';

/** 分链情况: one row per chain against its targets, and each chain's detail below. */
@Component({
  selector: 'crm-roll-up-chains',
  imports: [KeyTaskProgressList, NzCollapseModule, NzTableModule, TranslatePipe, WanPipe, YearOnYearNote],
  templateUrl: './roll-up-chains.html',
  styleUrl: './roll-up-chains.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RollUpChains {
  readonly chains = input.required<RollUpChainFigures[]>();
  /** The year's plan is not published: actuals only, no target or rate. */
  readonly planMissing = input(false);
  private readonly i18n = inject(I18nService);
  protected readonly lang = this.i18n.lang;
  /** The column's label: the chains' shared threshold, else 大项目（各链标准）. */
  protected readonly bigLabel = computed(() =>
    bigProjectsLabel(this.i18n.t, this.lang(), this.chains().map((c) => c.bigProjects.threshold)),
  );
  /** Each chain's own rule under its count: "10亿元以上项目". */
  protected chainBigLabel(c: RollUpChainFigures): string {
    return bigProjectsLabel(this.i18n.t, this.lang(), [c.bigProjects.threshold]);
  }
  protected readonly percent = percent;
  protected readonly stageKey = (stage: Stage): MessageKey => `pipeline.stage.${stage}`;
  /** 既有用地（盘活存量） / 闲置厂房（盘活存量）; null: no mark. */
  protected readonly landRouteMarkKey = (route: LandRoute | null | undefined): MessageKey | null =>
    route === 'existing-site' || route === 'idle-plant' ? `pipeline.landRoute.mark.${route}` : null;
}
