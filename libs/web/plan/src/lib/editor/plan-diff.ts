import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { STAGES, isSector, type ChainView, type PlanDifference, type Stage } from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText } from '@crm/web/core';
import { LoadState, LoadStateView } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { chainName, sectorKey, stageKey, wanText } from '../data-access/plan-labels';
import { PlanApi } from '../data-access/plan.api';

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
 * 与上年对比: what this year's plan changes against another year's (the year before unless the
 * reader picks one), line by line as the API lists it.
 */
@Component({
  selector: 'crm-plan-diff',
  imports: [FormsModule, LoadStateView, NzButtonModule, NzEmptyModule, NzInputModule, NzTableModule, NzTagModule, TranslatePipe],
  template: `
    <form class="against" (ngSubmit)="compare()">
      <label for="diff-against">{{ 'plan.diff.against' | t }}</label>
      <input nz-input id="diff-against" name="against" class="against-year" inputmode="numeric" [ngModel]="againstText()" (ngModelChange)="againstText.set($event)" />
      <button nz-button type="submit" class="compare" [disabled]="!againstValid()">{{ 'plan.diff.compare' | t }}</button>
    </form>
    <crm-load-state
      [state]="state()"
      [errorTitle]="'plan.diff.loadError' | t"
      [errorText]="errorText()"
      [retryLabel]="'common.retry' | t"
      (retry)="load()"
    />
    @if (state().status === 'ready') {
      @if (lines().length) {
        <p class="diff-count">{{ 'plan.diff.count' | t: { n: lines().length, year: year(), against: shownAgainst() } }}</p>
        <nz-table class="diff-table" nzSize="small" [nzData]="lines()" [nzShowPagination]="false" [nzFrontPagination]="false" [nzScroll]="{ x: '640px' }">
          <thead>
            <tr>
              <th nzWidth="110px">{{ 'plan.diff.areaHead' | t }}</th>
              <th nzWidth="150px">{{ 'plan.diff.subject' | t }}</th>
              <th nzWidth="130px">{{ 'plan.diff.field' | t }}</th>
              <th>{{ 'plan.yearShort' | t: { year: shownAgainst() } }}</th>
              <th>{{ 'plan.yearShort' | t: { year: year() } }}</th>
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
      } @else {
        <nz-empty class="empty" [nzNotFoundContent]="'plan.diff.none' | t: { year: year(), against: shownAgainst() }" />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .against {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
    }
    .against-year {
      width: 90px;
    }
    .diff-count {
      color: rgba(0, 0, 0, 0.45);
    }
    .before {
      color: rgba(0, 0, 0, 0.45);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanDiff implements OnInit {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  readonly year = input.required<number>();
  readonly chains = input<readonly ChainView[]>([]);

  protected readonly againstText = signal('');
  protected readonly againstValid = computed(() => /^\d{4}$/.test(this.againstText().trim()));
  /** The year the lines are compared against. */
  protected readonly shownAgainst = signal(0);
  protected readonly state = signal<LoadState<PlanDifference[]>>({ status: 'loading' });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly lines = computed(() => {
    const state = this.state();
    if (state.status !== 'ready') return [];
    return state.value.map((d) => ({
      area: AREA_KEYS[d.area] ?? 'plan.diff.area.city',
      subject: this.subject(d.subject),
      field: FIELD_KEYS[d.field] ? this.i18n.t(FIELD_KEYS[d.field]) : d.field,
      before: this.value(d.field, d.before),
      after: this.value(d.field, d.after),
    }));
  });

  ngOnInit(): void {
    this.againstText.set(String(this.year() - 1));
    this.load();
  }

  protected compare(): void {
    if (this.againstValid()) this.load();
  }

  protected load(): void {
    const against = Number(this.againstText().trim());
    this.request?.unsubscribe();
    this.shownAgainst.set(against);
    this.state.set({ status: 'loading' });
    // The year before is the API's default: asked without a parameter.
    this.request = this.api
      .diff(this.year(), against === this.year() - 1 ? null : against)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (lines) => this.state.set({ status: 'ready', value: lines }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

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
