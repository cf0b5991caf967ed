import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AuditLogEntryView } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { sides } from './audit-diff';

/** Every change of an entry in words: the field's name, before → after. */
@Component({
  selector: 'crm-audit-diff-table',
  imports: [TranslatePipe],
  template: `
    @if (entry().changes.length) {
      <table class="diff">
        <thead>
          <tr>
            <th scope="col">{{ 'audit.diff.field' | t }}</th>
            @if (has().before) {
              <th scope="col">{{ 'audit.diff.before' | t }}</th>
            }
            @if (has().after) {
              <th scope="col">{{ 'audit.diff.after' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (change of entry().changes; track change.field) {
            <tr>
              <th scope="row">{{ english() ? change.labelEn : change.label }}</th>
              @if (has().before) {
                <td class="before" [class.old]="change.before !== null && change.after !== null">
                  {{ change.before ?? '—' }}
                </td>
              }
              @if (has().after) {
                <td class="after" [class.new]="change.before !== null && change.after !== null">
                  {{ change.after ?? '—' }}
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
      font-size: 13px;
    }
    th,
    td {
      padding: 6px 8px;
      border-bottom: 1px solid #f0f0f0;
      text-align: left;
      vertical-align: top;
      white-space: pre-wrap;
      word-break: break-word;
    }
    thead th {
      color: rgba(0, 0, 0, 0.55);
      font-weight: 500;
    }
    tbody th {
      width: 28%;
      font-weight: 500;
      color: rgba(0, 0, 0, 0.75);
    }
    .old {
      background: #fff1f0;
    }
    .new {
      background: #f6ffed;
    }
    .none {
      margin: 0;
      color: rgba(0, 0, 0, 0.62);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditDiffTable {
  private readonly i18n = inject(I18nService);
  readonly entry = input.required<AuditLogEntryView>();
  protected readonly has = computed(() => sides(this.entry().changes));
  protected readonly english = computed(() => this.i18n.lang() === 'en');
}
