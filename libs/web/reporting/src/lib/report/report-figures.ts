import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type MonthlyReportChainSection,
  type MonthlyReportFigures,
} from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe } from '@crm/web/core';
import { KeyTaskProgressList } from '@crm/web/cockpit';
import { WanPipe } from '@crm/web/ui';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { statWindowParams } from '../data-access/periods';

interface ChainRows {
  section: MonthlyReportChainSection;
  activities: { kind: ActivityKind; key: MessageKey; count: number }[];
  activityTotal: number;
}

/** The month's figures of each chain a unit serves: pre-filled while a draft, frozen once submitted. */
@Component({
  selector: 'crm-report-figures',
  imports: [DatePipe, KeyTaskProgressList, NzCardModule, NzEmptyModule, TranslatePipe, WanPipe],
  templateUrl: './report-figures.html',
  styleUrl: './report-figures.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportFigures {
  readonly figures = input.required<MonthlyReportFigures>();
  /** Submitted: the figures are the snapshot taken then. */
  readonly frozen = input(false);

  protected readonly lang = inject(I18nService).lang;
  protected readonly windowParams = statWindowParams;
  protected readonly chains = computed<ChainRows[]>(() =>
    this.figures().chains.map((section) => {
      const activities = ACTIVITY_KINDS.filter((kind) => (section.activitiesByKind[kind] ?? 0) > 0).map(
        (kind) => ({
          kind,
          key: `pipeline.activityKind.${kind}` as MessageKey,
          count: section.activitiesByKind[kind] ?? 0,
        }),
      );
      return {
        section,
        activities,
        activityTotal: activities.reduce((sum, a) => sum + a.count, 0),
      };
    }),
  );
}
