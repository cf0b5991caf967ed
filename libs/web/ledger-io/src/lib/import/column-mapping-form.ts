import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { initialMapping, ledgerColumns, mappingProblems, toOverrides, type MappingRow } from '../data-access/column-mapping';
import type { ColumnOverrides, ImportKind } from '../data-access/ledger.types';
import { fieldLabel } from './field-labels';

/**
 * 核对列映射: each column of the sheet with the field it fills, or 不导入. Shown when the sheet's
 * headers differ from the template; the file is uploaded again with the mapping.
 */
@Component({
  selector: 'crm-column-mapping-form',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzSelectModule, NzTableModule, TranslatePipe],
  template: `
    <p class="hint">{{ 'ledger.mapping.hint' | t }}</p>
    @if (reason()) {
      <nz-alert class="reason" nzType="warning" nzShowIcon [nzMessage]="reason()" />
    }
    <nz-table #table class="mapping-table" nzSize="small" [nzData]="rows()" [nzFrontPagination]="false" [nzShowPagination]="false">
      <thead>
        <tr>
          <th>{{ 'ledger.mapping.sheetColumn' | t }}</th>
          <th nzWidth="280px">{{ 'ledger.mapping.field' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of table.data; track row.header; let i = $index) {
          <tr [attr.data-header]="row.header">
            <td>{{ row.header }}</td>
            <td>
              <nz-select
                class="field-select"
                [attr.aria-label]="'ledger.mapping.fieldFor' | t: { header: row.header }"
                [ngModel]="row.field ?? ignore"
                (ngModelChange)="choose(i, $event)"
              >
                <nz-option [nzValue]="ignore" [nzLabel]="'ledger.mapping.ignore' | t" />
                @for (column of columns(); track column.field) {
                  <nz-option [nzValue]="column.field" [nzLabel]="label(column.field) + (column.required ? ' *' : '')" />
                }
              </nz-select>
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    @if (problemText(); as text) {
      <div class="problem" role="alert">{{ text }}</div>
    }
    <div class="actions">
      <button nz-button type="button" (click)="cancelled.emit()">{{ 'ledger.mapping.cancel' | t }}</button>
      <button nz-button nzType="primary" type="button" [disabled]="!!problemText()" [nzLoading]="busy()" (click)="submit()">
        {{ 'ledger.mapping.apply' | t }}
      </button>
    </div>
  `,
  styles: `
    .hint {
      color: rgba(0, 0, 0, 0.65);
    }
    .reason {
      margin-bottom: 12px;
    }
    .field-select {
      width: 100%;
    }
    .problem {
      margin-top: 12px;
      color: #cf1322;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColumnMappingForm {
  private readonly i18n = inject(I18nService);
  readonly kind = input.required<ImportKind>();
  /** The sheet's header row as the API read it. */
  readonly headers = input.required<string[]>();
  /** The mapping used last time, if any. */
  readonly earlier = input<ColumnOverrides>({});
  /** Why the mapping is asked for (the API's message). */
  readonly reason = input<string>('');
  readonly busy = input(false);
  readonly mapped = output<ColumnOverrides>();
  readonly cancelled = output<void>();

  /** The select's value for 不导入 (a select cannot hold null as a choice). */
  protected readonly ignore = '__ignore__';
  protected readonly columns = computed(() => ledgerColumns(this.kind()));
  protected readonly rows = signal<MappingRow[]>([]);
  /** What keeps the mapping from being used: a required field not filled, a field filled twice. */
  protected readonly problemText = computed(() => {
    const { missing, duplicates } = mappingProblems(this.kind(), this.rows());
    const label = (f: string) => this.label(f);
    const parts: string[] = [];
    if (missing.length) parts.push(this.i18n.t('ledger.mapping.missing', { fields: missing.map(label).join('、') }));
    if (duplicates.length) parts.push(this.i18n.t('ledger.mapping.duplicates', { fields: duplicates.map(label).join('、') }));
    return parts.join(' ');
  });

  constructor() {
    effect(() => this.rows.set(initialMapping(this.kind(), this.headers(), this.earlier())));
  }

  protected label(field: string): string {
    return fieldLabel(this.kind(), field, this.i18n.lang());
  }

  protected choose(index: number, value: string): void {
    this.rows.update((rows) => rows.map((r, i) => (i === index ? { ...r, field: value === this.ignore ? null : value } : r)));
  }

  protected submit(): void {
    if (this.problemText()) return;
    this.mapped.emit(toOverrides(this.rows()));
  }
}
