import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { STAGES, isSector, type ChainView, type PlanDifference, type Stage } from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe } from '@crm/web/core';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { injectNarrow } from '../data-access/narrow';
import { chainName, sectorKey, stageKey, wanText } from '../data-access/plan-labels';

const AREA_KEYS: Record<PlanDifference['area'], MessageKey> = {
  city: 'plan.diff.area.city',
  target: 'plan.diff.area.target',
  sector: 'plan.diff.area.sector',
  'key-task': 'plan.diff.area.key-task',
};

/** The plan's field names as the office reads them; others are shown as the API names them. */
const FIELD_KEYS: Record<string, MessageKey> = {
  citySignedAmount: 'plan.signedAmount',
  cityFundsInPlace: 'plan.fundsInPlace',
  signedAmount: 'plan.signedAmount',
  fundsInPlace: 'plan.fundsInPlace',
  bigProjects: 'plan.target.bigProjectsHead',
  growthRate: 'plan.diff.field.growthRate',
  text: 'plan.task.text',
  units: 'plan.task.units',
  milestones: 'plan.task.milestones',
  goals: 'plan.task.goals',
};

/** Amounts as the comparison writes them: 万元, "+" for 以上 ("2200000+"). */
const AMOUNT = /^(\d+(?:\.\d+)?)(\+?)$/;
/** The big-project rule: threshold in 万元 × count, "+" for 不少于 ("50000 × 3+"). */
const BIG_PROJECTS = /^(\d+(?:\.\d+)?) × (\d+)(\+?)$/;
const MONEY_FIELDS = new Set(['citySignedAmount', 'cityFundsInPlace', 'signedAmount', 'fundsInPlace']);

/**
 * Differences between two versions of a year's plan, line by line in words: another year's plan
 * (与上年对比) or an uploaded workbook against the plan in force (从Excel导入).
 */
@Component({
  selector: 'crm-plan-diff-table',
  imports: [NzTableModule, NzTagModule, TranslatePipe],
  template: `
    @if (narrow()) {
      <!-- A phone: one card per line, the two values one under the other. -->
      <ul class="diff-cards">
        @for (line of lines(); track $index) {
          <li class="difference">
            <div class="card-head">
              <nz-tag>{{ line.area | t }}</nz-tag>
              <span class="subject">{{ line.subject }}</span>
              <span class="field">· {{ line.field }}</span>
            </div>
            <dl class="card-values">
              <dt>{{ beforeLabel() }}</dt>
              <dd class="before">{{ line.before }}</dd>
              <dt>{{ afterLabel() }}</dt>
              <dd class="after">{{ line.after }}</dd>
            </dl>
          </li>
        }
      </ul>
    } @else {
    <nz-table class="diff-table" nzSize="small" [nzData]="lines()" [nzShowPagination]="false" [nzFrontPagination]="false" [nzScroll]="{ x: '640px' }">
      <thead>
        <tr>
          <th nzWidth="110px">{{ 'plan.diff.areaHead' | t }}</th>
          <th nzWidth="150px">{{ 'plan.diff.subject' | t }}</th>
          <th nzWidth="130px">{{ 'plan.diff.field' | t }}</th>
          <th>{{ beforeLabel() }}</th>
          <th>{{ afterLabel() }}</th>
        </tr>
      </thead>
      <tbody>
        @for (line of lines(); track $index) {
          <tr class="difference">
            <td><nz-tag>{{ line.area | t }}</nz-tag></td>
            <td class="subject">{{ line.subject }}</td>
            <td class="field">{{ line.field }}</td>
            <td class="before">{{ line.before }}</td>
            <td class="after">{{ line.after }}</td>
          </tr>
        }
      </tbody>
    </nz-table>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .before {
      color: rgba(0, 0, 0, 0.62);
    }
    .before,
    .after {
      overflow-wrap: anywhere;
    }
    .diff-cards {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .diff-cards > li {
      padding: 10px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .diff-cards > li:last-child {
      border-bottom: none;
    }
    .card-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      margin-bottom: 4px;
    }
    .card-head .subject {
      font-weight: 500;
    }
    .card-values {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2px 12px;
      margin: 0;
    }
    .card-values dt {
      color: rgba(0, 0, 0, 0.62);
    }
    .card-values dd {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanDiffTable {
  private readonly i18n = inject(I18nService);
  protected readonly narrow = injectNarrow();

  readonly differences = input.required<readonly PlanDifference[]>();
  readonly chains = input<readonly ChainView[]>([]);
  /** The heads of the two value columns (the years compared, or 现行方案 / 导入后). */
  readonly beforeLabel = input.required<string>();
  readonly afterLabel = input.required<string>();

  protected readonly lines = computed(() =>
    this.differences().map((d) => ({
      area: AREA_KEYS[d.area] ?? 'plan.diff.area.city',
      subject: this.subject(d.subject),
      field: FIELD_KEYS[d.field] ? this.i18n.t(FIELD_KEYS[d.field]) : d.field,
      before: this.value(d.field, d.before),
      after: this.value(d.field, d.after),
    })),
  );

  /** The city, a chain, a sector, or a chain's key task ("metallurgy#3" → 冶金建材产业链第3项). */
  private subject(subject: string): string {
    const lang = this.i18n.lang();
    const chains = this.chains();
    if (subject === 'city') return this.i18n.t('plan.diff.city');
    if (isSector(subject)) return this.i18n.t(sectorKey(subject));
    if (chains.some((c) => c.code === subject)) return chainName(subject, lang, chains);
    const chain = chains.find((c) => subject.startsWith(c.code) && /^\D*\d+$/.test(subject.slice(c.code.length)));
    if (chain) {
      const seq = subject.slice(chain.code.length).replace(/\D/g, '');
      return this.i18n.t('plan.diff.taskSubject', { chain: chainName(chain.code, lang, chains), seq });
    }
    return subject;
  }

  private value(field: string, value: string | null): string {
    if (value === null || value === '') return '—';
    const lang = this.i18n.lang();
    const amount = MONEY_FIELDS.has(field) ? AMOUNT.exec(value) : null;
    if (amount) {
      const text = wanText(amount[1], lang);
      return amount[2] ? this.i18n.t('plan.atLeast', { amount: text }) : text;
    }
    const big = field === 'bigProjects' ? BIG_PROJECTS.exec(value) : null;
    if (big) {
      if (!/[1-9]/.test(big[1]) && big[2] === '0') return this.i18n.t('plan.target.noBigProjects');
      const count = this.i18n.t(big[3] ? 'plan.countAtLeast' : 'plan.countExact', { n: big[2] });
      return this.i18n.t('plan.target.bigProjects', { threshold: wanText(big[1], lang), count });
    }
    if (field === 'milestones') {
      return value.replace(/→([a-z]+)/g, (whole, stage: string) =>
        (STAGES as readonly string[]).includes(stage) ? `→${this.i18n.t(stageKey(stage as Stage))}` : whole,
      );
    }
    return value;
  }
}
