import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { ChainView, PlanDifference } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { LoadState, LoadStateView } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzInputModule } from 'ng-zorro-antd/input';
import { Subscription } from 'rxjs';
import { PlanApi } from '../data-access/plan.api';
import { PlanDiffTable } from './plan-diff-table';

/**
 * 与上年对比: what this year's plan changes against another year's (the year before unless the
 * reader picks one), line by line as the API lists it; asked again whenever the plan changes.
 */
@Component({
  selector: 'crm-plan-diff',
  imports: [FormsModule, LoadStateView, NzButtonModule, NzEmptyModule, NzInputModule, PlanDiffTable, TranslatePipe],
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
      @if (differences().length) {
        <p class="diff-count">{{ 'plan.diff.count' | t: { n: differences().length, year: year(), against: shownAgainst() } }}</p>
        <crm-plan-diff-table
          [differences]="differences()"
          [chains]="chains()"
          [beforeLabel]="'plan.yearShort' | t: { year: shownAgainst() }"
          [afterLabel]="'plan.yearShort' | t: { year: year() }"
        />
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
      color: rgba(0, 0, 0, 0.62);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanDiff {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  readonly year = input.required<number>();
  /** The plan's version: each change (an edit, an import) asks for the comparison again. */
  readonly version = input<number | null>(null);
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
  protected readonly differences = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : [];
  });

  constructor() {
    let shownYear: number | null = null;
    effect(() => {
      const year = this.year();
      this.version();
      untracked(() => {
        // A new year compares with the year before it; a new version, with the year shown.
        this.againstText.set(String(year !== shownYear ? year - 1 : this.shownAgainst()));
        shownYear = year;
        this.load();
      });
    });
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
}
