import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import type { RollUpPublicationSummary, RollUpPublicationView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { LoadStateView } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subscription } from 'rxjs';
import { SHANGHAI, type LoadState } from '../data-access/load-state';
import { periodLabel } from '../data-access/periods';
import { RollUpApi } from '../data-access/roll-up.api';
import { RollUpChains } from '../roll-up/roll-up-chains';
import { RollUpSummary } from '../roll-up/roll-up-summary';

/**
 * /bulletins and /bulletins/:id — 月通报: the roll-ups the office published, read-only and as
 * published (text, figures, the Word and Excel files), for everyone signed in, every unit's staff
 * included. Opens on the newest; a notification's link names one.
 */
@Component({
  selector: 'crm-bulletin-page',
  imports: [
    DatePipe,
    FormsModule,
    LoadStateView,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzSelectModule,
    RollUpChains,
    RollUpSummary,
    TranslatePipe,
  ],
  templateUrl: './bulletin-page.html',
  styleUrls: ['../page-header.less', './bulletin-page.less'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulletinPage {
  private readonly api = inject(RollUpApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly lang = this.i18n.lang;
  protected readonly tz = SHANGHAI;
  protected readonly list = signal<RollUpPublicationSummary[] | null>(null);
  protected readonly selected = signal<string | null>(null);
  /** Nothing published yet. */
  protected readonly none = signal(false);
  protected readonly state = signal<LoadState<RollUpPublicationView>>({ status: 'loading' });
  protected readonly bulletin = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly choices = computed(() =>
    (this.list() ?? []).map((p) => ({
      id: p.id,
      label: this.i18n.t('reporting.bulletin.option', { period: periodLabel(p.period, this.lang()), seq: p.seq }),
    })),
  );
  protected readonly periodName = (period: string) => periodLabel(period, this.lang());

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        this.selected.set(params.get('id'));
        this.load();
      });
  }

  protected load(): void {
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.none.set(false);
    this.request = this.api
      .publications()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.list.set(list);
          const id = this.selected() ?? list[0]?.id ?? null;
          if (id) this.open(id);
          else this.none.set(true);
        },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected choose(id: string): void {
    if (id && id !== this.bulletin()?.id) void this.router.navigate(['/bulletins', id]);
  }

  private open(id: string): void {
    this.request = this.api
      .publication(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (bulletin) => this.state.set({ status: 'ready', value: bulletin }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }
}
