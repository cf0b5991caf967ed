import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BlockedByNeedView } from '@crm/domain';
import { TranslatePipe } from '@crm/web/core';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { kindKey, statusKey } from '../data-access/labels';

/**
 * 要素制约: the projects held up by a need — project, need, bureau, due date and how long — as the
 * API's one list (blockedByNeeds) gives them. The leader page, the meeting pack and the roll-up show it.
 */
@Component({
  selector: 'crm-blocked-by-needs-table',
  imports: [NzTagModule, RouterLink, TranslatePipe],
  template: `
    @if (rows().length) {
      <div class="table-wrap">
        <table class="blocked">
          <thead>
            <tr>
              @if (showChain()) {
                <th scope="col">{{ 'guarantees.blocked.chain' | t }}</th>
              }
              <th scope="col">{{ 'guarantees.blocked.project' | t }}</th>
              <th scope="col">{{ 'guarantees.blocked.need' | t }}</th>
              <th scope="col">{{ 'guarantees.blocked.unit' | t }}</th>
              <th scope="col">{{ 'guarantees.field.dueOn' | t }}</th>
              <th scope="col">{{ 'guarantees.blocked.howLong' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (b of rows(); track b.requestId) {
              <tr>
                @if (showChain()) {
                  <td>{{ b.chain.nameZh }}</td>
                }
                <td>
                  @if (links()) {
                    <a [routerLink]="['/projects', b.project.id]">{{ b.project.name }}</a>
                  } @else {
                    {{ b.project.name }}
                  }
                </td>
                <td><nz-tag>{{ kindKey(b.kind) | t }}</nz-tag>{{ b.need }}</td>
                <td>{{ b.unit.name }}</td>
                <td>{{ b.dueOn }}</td>
                <td class="how-long">
                  {{ 'guarantees.blocked.sentDays' | t: { days: b.daysSinceSent } }}
                  @if (b.daysOverdue !== null) {
                    <span class="overdue">{{ 'guarantees.overdueBy' | t: { days: b.daysOverdue } }}</span>
                  }
                  @if (b.status === 'cannot-meet') {
                    <nz-tag nzColor="red">{{ statusKey(b.status) | t }}</nz-tag>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted">{{ 'guarantees.blocked.none' | t }}</p>
    }
  `,
  styles: `
    .table-wrap { overflow-x: auto; }
    table.blocked { width: 100%; border-collapse: collapse; }
    th, td { padding: 6px 8px; border-bottom: 1px solid #f0f0f0; text-align: left; vertical-align: top; }
    th { font-weight: 600; background: #fafafa; }
    .overdue { color: #cf1322; margin-left: 4px; }
    .muted { color: rgba(0, 0, 0, 0.62); }
    nz-tag { margin-right: 4px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BlockedByNeedsTable {
  readonly rows = input.required<BlockedByNeedView[]>();
  /** The roll-up lists the whole city: its rows name their chain. */
  readonly showChain = input(false);
  /** Printed pages keep names only. */
  readonly links = input(true);

  protected readonly kindKey = kindKey;
  protected readonly statusKey = statusKey;
}
