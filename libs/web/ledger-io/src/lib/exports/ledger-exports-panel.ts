import { HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AppClock, I18nService, TranslatePipe, apiErrorText, type MessageKey, saveBlob } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { LedgerApi, type LedgerExport } from '../data-access/ledger.api';

interface ReadyExport {
  which: LedgerExport;
  title: MessageKey;
  description: MessageKey;
  /** Asks for the plan year. */
  yearly: boolean;
  fallback: string;
}

const EXPORTS: ReadyExport[] = [
  { which: 'key-projects', title: 'ledger.exports.keyProjects', description: 'ledger.exports.keyProjectsHint', yearly: true, fallback: 'key-projects.xlsx' },
  { which: 'target-directions', title: 'ledger.exports.targetDirections', description: 'ledger.exports.targetDirectionsHint', yearly: true, fallback: 'target-directions.xlsx' },
  { which: 'responsibilities', title: 'ledger.exports.responsibilities', description: 'ledger.exports.responsibilitiesHint', yearly: false, fallback: 'responsibilities.xlsx' },
  { which: 'enterprises', title: 'ledger.exports.enterprises', description: 'ledger.exports.enterprisesHint', yearly: false, fallback: 'enterprises.xlsx' },
];

/** 现成报表: the 三张清单 and the enterprise library, each one click to .xlsx. */
@Component({
  selector: 'crm-ledger-exports-panel',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzCardModule, NzIconModule, NzInputModule, TranslatePipe],
  template: `
    <nz-card [nzTitle]="'ledger.exports.title' | t" [nzExtra]="yearTpl">
      <p class="hint">{{ 'ledger.exports.hint' | t }}</p>
      <ul class="exports">
        @for (e of exports; track e.which) {
          <li [attr.data-export]="e.which">
            <div class="text">
              <div class="name">
                {{ e.title | t }}
                @if (e.yearly) {
                  <span class="year-note">{{ 'ledger.exports.yearNote' | t: { year: year() } }}</span>
                }
              </div>
              <div class="description">{{ e.description | t }}</div>
            </div>
            <button nz-button type="button" [nzLoading]="downloading() === e.which" (click)="download(e)">
              <nz-icon nzType="download" />
              {{ 'ledger.exports.download' | t }}
            </button>
          </li>
        }
      </ul>
      @if (failure(); as text) {
        <nz-alert nzType="error" nzShowIcon role="alert" [nzMessage]="text" />
      }
    </nz-card>
    <ng-template #yearTpl>
      <label class="year">
        {{ 'ledger.exports.year' | t }}
        <input nz-input type="number" min="2000" max="2100" [ngModel]="year()" (ngModelChange)="setYear($event)" />
      </label>
    </ng-template>
  `,
  styles: `
    .hint {
      color: rgba(0, 0, 0, 0.65);
    }
    .exports {
      list-style: none;
      margin: 0 0 12px;
      padding: 0;
    }
    .exports li {
      display: flex;
      align-items: center;
      gap: 16px;
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .text {
      flex: 1;
    }
    .name {
      font-weight: 500;
    }
    .year-note {
      margin-left: 8px;
      font-weight: normal;
      color: rgba(0, 0, 0, 0.62);
    }
    .description {
      color: rgba(0, 0, 0, 0.62);
    }
    .year {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .year input {
      width: 100px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LedgerExportsPanel {
  private readonly clock = inject(AppClock);
  private readonly api = inject(LedgerApi);
  private readonly i18n = inject(I18nService);

  protected readonly exports = EXPORTS;
  protected readonly year = signal(this.clock.year());
  protected readonly downloading = signal<LedgerExport | null>(null);
  protected readonly failure = signal('');

  protected setYear(value: unknown): void {
    const year = Number(value);
    if (Number.isInteger(year) && year >= 2000 && year <= 2100) this.year.set(year);
  }

  protected download(e: ReadyExport): void {
    this.failure.set('');
    this.downloading.set(e.which);
    const params = e.yearly ? new HttpParams().set('year', this.year()) : new HttpParams();
    this.api.download(this.api.exportUrl(e.which), params, e.fallback).subscribe({
      next: ({ blob, fileName }) => {
        this.downloading.set(null);
        saveBlob(blob, fileName);
      },
      error: (error: unknown) => {
        this.downloading.set(null);
        this.failure.set(apiErrorText(error, this.i18n));
      },
    });
  }
}
