import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rankingMeasured, type RollUpFigures, type RollUpUnitStatus } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { BlockedByNeedsTable } from '@crm/web/guarantees';
import { WanPipe } from '@crm/web/ui';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CELL_COLORS, unitStatusKey } from '../data-access/labels';
import { SHANGHAI } from '../data-access/load-state';
import { monthLabel } from '../data-access/periods';
import { percent } from './rate';

/** 报送情况, 需协调解决的问题, 季评比 (with its formula) and 年总结 of a roll-up. */
@Component({
  selector: 'crm-roll-up-summary',
  imports: [BlockedByNeedsTable, DatePipe, NzCardModule, NzTableModule, NzTagModule, TranslatePipe, WanPipe],
  templateUrl: './roll-up-summary.html',
  styleUrl: './roll-up-summary.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RollUpSummary {
  readonly figures = input.required<RollUpFigures>();
  protected readonly lang = inject(I18nService).lang;
  protected readonly tz = SHANGHAI;
  protected readonly percent = percent;
  protected readonly statusKey = unitStatusKey;
  protected readonly statusColor = (status: RollUpUnitStatus) => CELL_COLORS[status];
  protected readonly monthLabel = (period: string) => monthLabel(period, this.lang());
  /** A ranking where every score is 0 ranks nothing: it is not shown as one. */
  protected readonly measured = computed(() => rankingMeasured(this.figures().quarter.rows));
  /** 季评比 on the quarter's own results (figures from before it ranked the year to date). */
  protected readonly byQuarter = computed(() => this.figures().quarter.basis === 'quarter');
  /** Not offered until the quarter's last period is locked: progress only, nobody ranked. */
  protected readonly pending = computed(() => this.byQuarter() && this.figures().quarter.offered === false);
  protected readonly formula = computed(() =>
    this.lang() === 'en' ? this.figures().quarter.formula.en : this.figures().quarter.formula.zh,
  );
}
