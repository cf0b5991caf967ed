import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { EnterpriseView } from '@crm/domain';
import { TranslatePipe } from '@crm/web/core';
import { LoadStateView, PageHeader, type LoadState } from '@crm/web/ui';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Subject, catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { InvestorsApi } from '../data-access/investors.api';

/** /enterprises — 企业库: find a firm by part of its name or its credit code, open its page. */
@Component({
  selector: 'crm-enterprise-list-page',
  imports: [FormsModule, LoadStateView, NzCardModule, NzInputModule, NzTableModule, PageHeader, RouterLink, TranslatePipe],
  template: `
    <crm-page-header [heading]="'investors.list.title' | t" [subtitle]="'investors.list.hint' | t" />
    <nz-card>
      <input
        nz-input
        class="search"
        type="search"
        [attr.aria-label]="'investors.list.search' | t"
        [placeholder]="'investors.list.search' | t"
        [ngModel]="q()"
        (ngModelChange)="search($event)"
      />
      <crm-load-state [state]="state()" [errorTitle]="'investors.list.loadError' | t" (retry)="search(q())" />
      @if (state().status === 'ready') {
        <nz-table #table [nzData]="items()" nzSize="small" [nzShowPagination]="false" [nzNoResult]="none">
          <thead>
            <tr>
              <th>{{ 'investors.list.name' | t }}</th>
              <th>{{ 'investors.list.code' | t }}</th>
              <th>{{ 'investors.list.region' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (e of table.data; track e.id) {
              <tr>
                <td><a class="firm" [routerLink]="['/enterprises', e.id]">{{ e.name }}</a></td>
                <td>{{ e.creditCode ?? '—' }}</td>
                <td>{{ e.region ?? '—' }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
        @if (total() > items().length) {
          <p class="more">{{ 'investors.list.more' | t: { n: total() } }}</p>
        }
        <ng-template #none>{{ 'investors.list.none' | t }}</ng-template>
      }
    </nz-card>
  `,
  styles: `
    .search {
      max-width: 360px;
      margin-bottom: 12px;
    }
    .more {
      color: rgba(0, 0, 0, 0.55);
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnterpriseListPage {
  private readonly api = inject(InvestorsApi);
  private readonly query$ = new Subject<string>();

  protected readonly q = signal('');
  protected readonly state = signal<LoadState<{ items: EnterpriseView[]; total: number }>>({ status: 'loading' });
  protected readonly items = signal<EnterpriseView[]>([]);
  protected readonly total = signal(0);

  constructor() {
    this.query$
      .pipe(
        startWith(''),
        debounceTime(250),
        switchMap((q) =>
          this.api.searchEnterprises(q, 100).pipe(
            map((value) => ({ status: 'ready' as const, value })),
            catchError((error: unknown) => of({ status: 'error' as const, error })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((s) => {
        this.state.set(s);
        if (s.status === 'ready') {
          this.items.set(s.value.items);
          this.total.set(s.value.total);
        }
      });
  }

  protected search(q: string): void {
    this.q.set(q);
    this.query$.next(q.trim());
  }
}
