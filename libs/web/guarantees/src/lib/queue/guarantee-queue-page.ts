import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { GuaranteeQueueView, GuaranteeRequestView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { LoadStateView, PageHeader, type LoadState } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { firstValueFrom } from 'rxjs';
import { GuaranteesApi } from '../data-access/guarantees.api';
import { GuaranteeRequestCard } from '../request/guarantee-request-card';

/**
 * 要素保障办理: the needs projects sent to the user's unit (the bureau), due date first, each answered
 * with where it stands (已受理、办理中、已保障、无法满足), its date and a note.
 */
@Component({
  selector: 'crm-guarantee-queue-page',
  imports: [FormsModule, GuaranteeRequestCard, LoadStateView, NzAlertModule, NzEmptyModule, NzRadioModule, PageHeader, TranslatePipe],
  template: `
    <crm-page-header [heading]="'guarantees.queue.title' | t" [subtitle]="'guarantees.queue.subtitle' | t">
      <nz-radio-group [ngModel]="filter()" (ngModelChange)="setFilter($event)" [attr.aria-label]="'guarantees.queue.filter' | t">
        <label nz-radio-button nzValue="open">{{ 'guarantees.queue.open' | t }}</label>
        <label nz-radio-button nzValue="all">{{ 'guarantees.queue.all' | t }}</label>
      </nz-radio-group>
    </crm-page-header>

    <crm-load-state [state]="state()" [errorTitle]="'guarantees.loadError' | t" [errorText]="errorText()" [framed]="true" (retry)="load()" />

    @if (view(); as v) {
      @if (!v.unit) {
        <nz-alert nzType="info" nzShowIcon class="no-unit" [nzMessage]="'guarantees.queue.noUnit' | t" />
      } @else if (v.requests.length) {
        <p class="unit">{{ 'guarantees.queue.forUnit' | t: { unit: v.unit.name, count: v.requests.length } }}</p>
        <div class="queue">
          @for (r of v.requests; track r.id) {
            <crm-guarantee-request-card [request]="r" (changed)="replace($event)" />
          }
        </div>
      } @else {
        <nz-empty class="empty" [nzNotFoundContent]="(filter() === 'open' ? 'guarantees.queue.emptyOpen' : 'guarantees.queue.empty') | t" />
      }
    }
  `,
  styles: `
    .queue { display: flex; flex-direction: column; gap: 12px; }
    .no-unit, .unit { margin-bottom: 12px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GuaranteeQueuePage {
  private readonly api = inject(GuaranteesApi);
  private readonly i18n = inject(I18nService);

  protected readonly filter = signal<'open' | 'all'>('open');
  protected readonly state = signal<LoadState<GuaranteeQueueView>>({ status: 'loading' });
  protected readonly view = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : null;
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      this.state.set({ status: 'ready', value: await firstValueFrom(this.api.queue(this.filter())) });
    } catch (error) {
      this.state.set({ status: 'error', error });
    }
  }

  protected setFilter(filter: 'open' | 'all'): void {
    this.filter.set(filter);
    void this.load();
  }

  protected errorText(): string {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  }

  protected replace(saved: GuaranteeRequestView): void {
    this.state.update((s) =>
      s.status === 'ready'
        ? { status: 'ready', value: { ...s.value, requests: s.value.requests.map((x) => (x.id === saved.id ? saved : x)) } }
        : s,
    );
  }
}
