import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  computed,
  inject,
  input,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ChainView, UnitView } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCollapseModule } from 'ng-zorro-antd/collapse';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { targetFor } from '../data-access/chain-targets';

/** One chain's task force at a glance: who leads it, who does the work, and its targets. */
@Component({
  selector: 'crm-chain-card',
  imports: [
    RouterLink,
    NzCardModule,
    NzCollapseModule,
    NzTagModule,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './chain-card.html',
  styleUrl: './chain-card.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainCard {
  readonly chain = input.required<ChainView>();
  /** The target year to show (the plan's current year). */
  readonly year = input<number | null>(null);
  /** Opens 招商方向 at first (the detail page). */
  readonly directionOpen = input(false, { transform: booleanAttribute });
  /** Links the title to /chains/:code (the overview). */
  readonly linkToDetail = input(false, { transform: booleanAttribute });

  protected readonly lang = inject(I18nService).lang;

  protected readonly name = computed(() =>
    this.lang() === 'en' ? this.chain().nameEn : this.chain().nameZh,
  );
  protected readonly kindKey = computed(() =>
    this.chain().kind === 'leading'
      ? ('chains.kind.leading' as const)
      : ('chains.kind.special' as const),
  );
  protected readonly target = computed(() =>
    targetFor(this.chain(), this.year()),
  );
  /** 牵头单位: the plan names a lead unit instead of responsible units for some chains. */
  protected readonly leadUnits = computed(() =>
    this.chain()
      .responsibleUnits.filter((u) => u.isLead)
      .map((u) => u.unit),
  );
  protected readonly otherResponsibleUnits = computed(() =>
    this.chain()
      .responsibleUnits.filter((u) => !u.isLead)
      .map((u) => u.unit),
  );
  protected readonly cooperatingUnits = computed(() =>
    this.chain().cooperatingUnits.map((u) => u.unit),
  );
  /** The year whose key tasks the chain lists (the date the chains are read as of). */
  protected readonly planYear = computed(() => Number(this.chain().asOf.slice(0, 4)));
  protected readonly keyTasks = computed(() =>
    [...this.chain().keyTasks].sort((a, b) => a.seq - b.seq),
  );

  /** Names as the plan writes them: 市能源局、市数据局. */
  protected names(items: readonly (UnitView | { name: string })[]): string {
    return items.map((item) => item.name).join('、');
  }
}
