import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ImportContactPlan } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, type MessageKey } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { FormsModule } from '@angular/forms';
import { Subject, switchMap, catchError, of, map } from 'rxjs';
import { unmappedHeaders } from '../data-access/column-mapping';
import { LedgerApi } from '../data-access/ledger.api';
import type { ImportAction, ImportBatchView, ImportRowView, RowError } from '../data-access/ledger.types';
import { fieldLabel } from './field-labels';

const ACTION_COLORS: Record<ImportAction, string> = { create: 'green', update: 'blue', skip: 'default', error: 'red' };
const PAGE_SIZE = 50;

/**
 * 预览核对: the counts, then every row (or only those in error) with what it will do and each of
 * its problems by row and column; 确认导入 writes the valid rows. Rows are fetched a page at a time,
 * so a 20,000-row preview stays light.
 */
@Component({
  selector: 'crm-import-preview',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzRadioModule, NzTableModule, NzTagModule, RouterLink, TranslatePipe],
  template: `
    @let b = batch();
    <div class="summary" role="status">
      <span class="file">{{ 'ledger.preview.file' | t: { file: b.fileName, sheet: b.sheetName ?? '' } }}</span>
      <nz-tag nzColor="green" data-count="create">{{ 'ledger.preview.countCreate' | t: { n: b.counts.create } }}</nz-tag>
      <nz-tag nzColor="blue" data-count="update">{{ 'ledger.preview.countUpdate' | t: { n: b.counts.update } }}</nz-tag>
      <nz-tag data-count="skip">{{ 'ledger.preview.countSkip' | t: { n: b.counts.skip } }}</nz-tag>
      <nz-tag nzColor="red" data-count="error">{{ 'ledger.preview.countError' | t: { n: b.counts.error } }}</nz-tag>
    </div>
    @for (notice of b.notices; track $index) {
      <nz-alert class="notice" nzType="info" nzShowIcon [nzMessage]="lang() === 'en' ? notice.en : notice.zh" />
    }
    @if (unmapped().length) {
      <nz-alert class="notice" nzType="warning" nzShowIcon [nzMessage]="unmappedTpl" />
      <ng-template #unmappedTpl>
        {{ 'ledger.preview.unmapped' | t: { headers: unmapped().join('、') } }}
        <button nz-button nzType="link" nzSize="small" type="button" (click)="remap.emit()">{{ 'ledger.preview.remap' | t }}</button>
      </ng-template>
    }
    <div class="toolbar">
      <nz-radio-group [ngModel]="onlyErrors()" (ngModelChange)="setFilter($event)" [attr.aria-label]="'ledger.preview.filter' | t">
        <label nz-radio-button [nzValue]="false">{{ 'ledger.preview.all' | t: { n: b.totalRows } }}</label>
        <label nz-radio-button [nzValue]="true">{{ 'ledger.preview.onlyErrors' | t: { n: b.counts.error } }}</label>
      </nz-radio-group>
    </div>
    @if (loadError()) {
      <nz-alert class="notice" nzType="error" nzShowIcon role="alert" [nzMessage]="loadError()" />
    }
    <nz-table
      #table
      class="preview-table"
      nzSize="small"
      [nzData]="rows()"
      [nzLoading]="loading()"
      [nzFrontPagination]="false"
      [nzScroll]="{ x: '560px' }"
      [nzTotal]="total()"
      [nzPageSize]="pageSize"
      [nzPageIndex]="pageIndex()"
      (nzPageIndexChange)="goTo($event)"
      [nzNoResult]="emptyTpl"
    >
      <thead>
        <tr>
          <th nzWidth="70px">{{ 'ledger.preview.row' | t }}</th>
          <th nzWidth="110px">{{ 'ledger.preview.action' | t }}</th>
          <th nzWidth="260px">{{ 'ledger.preview.record' | t }}</th>
          <th>{{ 'ledger.preview.details' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (r of table.data; track r.row) {
          <tr [attr.data-row]="r.row" [attr.data-action]="r.action">
            <td>{{ r.row }}</td>
            <td><nz-tag [nzColor]="actionColors[r.action]">{{ actionKey(r.action) | t }}</nz-tag></td>
            <td class="record">
              @if (r.targetId && b.kind === 'projects' && r.action !== 'error') {
                <a [routerLink]="['/projects', r.targetId]">{{ recordName(r) }}</a>
              } @else {
                {{ recordName(r) }}
              }
            </td>
            <td class="details">
              @if (r.errors.length) {
                <ul class="errors">
                  @for (e of r.errors; track $index) {
                    <li>{{ errorText(r.row, e) }}</li>
                  }
                </ul>
              } @else if (r.action === 'update' && r.changes) {
                {{ 'ledger.preview.changes' | t: { fields: changedFields(r) } }}
              } @else if (r.action === 'skip') {
                {{ 'ledger.preview.unchanged' | t }}
              } @else if (r.action === 'create') {
                {{ 'ledger.preview.willCreate' | t }}
              }
              @if (contactLine(r); as line) {
                <div class="contact-line">{{ line }}</div>
              }
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    <ng-template #emptyTpl><p class="empty">{{ 'ledger.preview.empty' | t }}</p></ng-template>
    <div class="actions">
      <button nz-button type="button" (click)="restart.emit()">{{ 'ledger.preview.restart' | t }}</button>
      <button
        nz-button
        nzType="primary"
        type="button"
        [disabled]="b.counts.create + b.counts.update === 0"
        [nzLoading]="busy()"
        (click)="commit.emit()"
      >
        {{ 'ledger.preview.commit' | t: { create: b.counts.create, update: b.counts.update } }}
      </button>
    </div>
    @if (b.counts.error) {
      <p class="after-note">{{ 'ledger.preview.errorsLeftOut' | t: { n: b.counts.error } }}</p>
    } @else if (b.counts.create + b.counts.update === 0) {
      <p class="after-note">{{ 'ledger.preview.nothingToDo' | t }}</p>
    }
  `,
  styles: `
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
    }
    .file {
      margin-right: 8px;
      font-weight: 500;
    }
    .notice {
      margin-bottom: 12px;
    }
    .toolbar {
      margin-bottom: 12px;
    }
    .errors {
      margin: 0;
      padding-left: 16px;
      color: #cf1322;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 16px;
    }
    .after-note {
      margin-top: 8px;
      text-align: right;
      color: rgba(0, 0, 0, 0.62);
    }
    .contact-line {
      color: rgba(0, 0, 0, 0.62);
    }
    .empty {
      margin: 16px 0;
      color: rgba(0, 0, 0, 0.62);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPreview {
  private readonly api = inject(LedgerApi);
  private readonly i18n = inject(I18nService);

  readonly batch = input.required<ImportBatchView>();
  /** The rows the upload answered with (the first page of the whole list). */
  readonly firstRows = input<ImportRowView[]>([]);
  readonly busy = input(false);
  readonly commit = output<void>();
  readonly restart = output<void>();
  readonly remap = output<void>();

  protected readonly lang = this.i18n.lang;
  protected readonly actionColors = ACTION_COLORS;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly onlyErrors = signal(false);
  protected readonly pageIndex = signal(1);
  protected readonly rows = signal<ImportRowView[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal('');
  protected readonly total = computed(() => (this.onlyErrors() ? this.batch().counts.error : this.batch().totalRows));
  protected readonly unmapped = computed(() => unmappedHeaders(this.batch()));

  private readonly page$ = new Subject<{ id: string; onlyErrors: boolean; index: number }>();

  constructor() {
    this.page$
      .pipe(
        switchMap(({ id, onlyErrors, index }) =>
          this.api.find(id, { errors: onlyErrors, offset: (index - 1) * PAGE_SIZE, limit: PAGE_SIZE }).pipe(
            map((preview) => ({ rows: preview.rows, error: '' })),
            catchError((error: unknown) => of({ rows: [] as ImportRowView[], error: apiErrorText(error, this.i18n) })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ rows, error }) => {
        this.rows.set(rows);
        this.loadError.set(error);
        this.loading.set(false);
      });
    // A new batch starts on page 1 of every row, with the rows the upload already brought.
    effect(() => {
      const id = this.batch().id;
      const first = this.firstRows();
      untracked(() => {
        this.onlyErrors.set(false);
        this.pageIndex.set(1);
        if (first.length) this.rows.set(first.slice(0, PAGE_SIZE));
        else this.load(id);
      });
    });
  }

  protected setFilter(onlyErrors: boolean): void {
    this.onlyErrors.set(onlyErrors);
    this.pageIndex.set(1);
    this.load(this.batch().id);
  }

  protected goTo(index: number): void {
    this.pageIndex.set(index);
    this.load(this.batch().id);
  }

  private load(id: string): void {
    this.loading.set(true);
    this.page$.next({ id, onlyErrors: this.onlyErrors(), index: this.pageIndex() });
  }

  protected actionKey(action: ImportAction): MessageKey {
    return `ledger.action.${action}`;
  }

  /** The project or firm the row names. */
  protected recordName(row: ImportRowView): string {
    const name = row.data['name'];
    return typeof name === 'string' ? name : '';
  }

  /** 第3行 C列「所属产业链」：产业链“新材料产业链”不存在… */
  protected errorText(row: number, error: RowError): string {
    const message = this.lang() === 'en' ? error.en : error.zh;
    if (error.column) {
      return this.i18n.t('ledger.preview.errorAt', { row, column: error.column, header: error.header ?? '', message });
    }
    if (error.header) return this.i18n.t('ledger.preview.errorAtHeader', { row, header: error.header, message });
    return this.i18n.t('ledger.preview.errorAtRow', { row, message });
  }

  /** What the row does to its firm's 联系人 (created, phone updated, linked, or kept on the 备注), the mobile masked. */
  protected contactLine(row: ImportRowView): string {
    const plan = row.data['contact'] as ImportContactPlan | undefined;
    if (!plan || row.action === 'error') return '';
    const phone = plan.mobileMasked ?? plan.landline ?? '';
    const quoted = phone ? (this.lang() === 'en' ? ` (${phone})` : `（${phone}）`) : '';
    return this.i18n.t(`ledger.preview.contact.${plan.action}`, { name: plan.name, phone: plan.action === 'update' ? phone : quoted });
  }

  protected changedFields(row: ImportRowView): string {
    const fields = Object.keys(row.changes?.after ?? {});
    const labels = fields.map((f) => fieldLabel(this.batch().kind, f, this.lang()));
    return [...new Set(labels)].join(this.lang() === 'en' ? ', ' : '、');
  }
}
