import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { OpenInstructionView } from '@crm/domain';
import { TranslatePipe } from '@crm/web/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTagModule } from 'ng-zorro-antd/tag';

/**
 * 待回复批示 on the chain leader page: the 批示 not yet replied to, the oldest first, each with its
 * age in days (the API counts them on the Shanghai calendar by its clock) and whether the owner has
 * read or acknowledged it; each opens its project, where the thread is.
 */
@Component({
  selector: 'crm-open-instructions',
  imports: [NzCardModule, NzTagModule, RouterLink, TranslatePipe],
  template: `
    <nz-card class="open-instructions" id="open-instructions" [nzTitle]="title" [nzExtra]="extra">
      <ng-template #title>
        <h2 class="title">{{ 'cockpit.openInstructions' | t }}</h2>
      </ng-template>
      <ng-template #extra>
        <span class="count">{{ 'cockpit.openInstructions.count' | t: { count: count() } }}</span>
      </ng-template>
      <ul class="list">
        @for (i of items(); track i.id) {
          <li class="item" [attr.data-id]="i.id">
            <a class="link" [routerLink]="['/projects', i.project.id]" fragment="instructions">
              <span class="age" [class.old]="i.ageDays >= 7">{{
                i.ageDays === 0 ? ('cockpit.openInstructions.today' | t) : ('cockpit.openInstructions.age' | t: { days: i.ageDays })
              }}</span>
              <span class="what">
                <strong class="project">{{ i.project.name }}</strong>
                <span class="text">{{ i.text }}</span>
                <span class="meta">
                  {{ i.personName ?? i.author.displayName }} ·
                  {{ (i.acknowledgedAt ? 'cockpit.openInstructions.acknowledged' : i.readAt ? 'cockpit.openInstructions.read' : 'cockpit.openInstructions.unread') | t }}
                </span>
              </span>
            </a>
          </li>
        } @empty {
          <li class="none">{{ 'cockpit.openInstructions.none' | t }}</li>
        }
      </ul>
      @if (more() > 0) {
        <p class="more">{{ 'cockpit.openInstructions.more' | t: { count: more() } }}</p>
      }
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
    }
    .title {
      font-size: 16px;
      margin: 0;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .item + .item {
      border-top: 1px solid #f0f0f0;
    }
    .link {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      min-height: 44px;
      padding: 8px 0;
      color: inherit;
    }
    .age {
      flex: 0 0 auto;
      min-width: 48px;
      padding: 2px 6px;
      border-radius: 4px;
      background: #fff7e6;
      color: #873800;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .age.old {
      background: #fff1f0;
      color: #a8071a;
    }
    .what {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .text {
      overflow-wrap: anywhere;
    }
    .meta,
    .none,
    .more,
    .count {
      color: rgba(0, 0, 0, 0.65);
      font-size: 13px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenInstructions {
  readonly items = input.required<readonly OpenInstructionView[]>();
  readonly count = input.required<number>();
  protected readonly more = computed(() => this.count() - this.items().length);
}
