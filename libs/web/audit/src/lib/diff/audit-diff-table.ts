import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { AuditEntryView } from '@crm/domain';
import { TranslatePipe } from '@crm/web/core';
import { auditDiff } from './audit-diff';

/** An entry's before and after, field by field; changed values are marked. */
@Component({
  selector: 'crm-audit-diff-table',
  imports: [TranslatePipe],
  template: `
    @if (rows().length) {
      <table class="diff">
        <thead>
          <tr>
            <th scope="col">{{ 'audit.diff.field' | t }}</th>
            @if (hasBefore()) {
              <th scope="col">{{ 'audit.diff.before' | t }}</th>
            }
            @if (hasAfter()) {
              <th scope="col">{{ 'audit.diff.after' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.field) {
            <tr>
              <th scope="row">{{ row.field }}</th>
              @if (hasBefore()) {
                <td
                  class="before"
                  [class.old]="row.changed && row.before !== null"
                >
                  @if (row.before !== null) {
                    <pre>{{ row.before }}</pre>
                  } @else {
                    <span class="absent">—</span>
                  }
                </td>
              }
              @if (hasAfter()) {
                <td
                  class="after"
                  [class.new]="row.changed && row.after !== null"
                >
                  @if (row.after !== null) {
                    <pre>{{ row.after }}</pre>
                  } @else {
                    <span class="absent">—</span>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="none">{{ 'audit.diff.none' | t }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
    .diff {
      width: 100%;
      border-collapse: collapse;
      table-layout: fixed;
      font-size: 13px;
    }
    th,
    td {
      padding: 6px 10px;
      border: 1px solid #f0f0f0;
      text-align: left;
      vertical-align: top;
    }
    thead th {
      background: #fafafa;
      font-weight: 500;
    }
    thead th:first-child {
      width: 160px;
    }
    tbody th {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-weight: 400;
      word-break: break-all;
    }
    pre {
      margin: 0;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .old {
      background: #fff1f0;
    }
    .new {
      background: #f6ffed;
    }
    .absent,
    .none {
      color: rgba(0, 0, 0, 0.45);
    }
    .none {
      margin: 0;
    }
    @media (max-width: 767.98px) {
      thead th:first-child {
        width: 96px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditDiffTable {
  readonly entry = input.required<AuditEntryView>();
  protected readonly rows = computed(() =>
    auditDiff(this.entry().before, this.entry().after),
  );
  /** A creation has no before and a deletion no after: no empty column for them. */
  protected readonly hasBefore = computed(() => this.entry().before !== null);
  protected readonly hasAfter = computed(() => this.entry().after !== null);
}
