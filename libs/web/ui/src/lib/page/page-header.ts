import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A page's title row: the heading (with tags beside it: `<span crmPageTags>`), a subtitle, and the
 * page's actions on the right, wrapping under the title on a phone.
 * `<crm-page-header [heading]="'x.title' | t" [subtitle]="…"><a nz-button>…</a></crm-page-header>`
 */
@Component({
  selector: 'crm-page-header',
  template: `
    <header class="page-header">
      <div class="titles">
        <div class="title-row">
          <h1>{{ heading() }}</h1>
          <ng-content select="[crmPageTags]" />
        </div>
        @if (subtitle()) {
          <p class="page-subtitle">{{ subtitle() }}</p>
        }
      </div>
      <div class="page-actions">
        <ng-content />
      </div>
    </header>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .page-header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 12px;
    }
    .title-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    h1 {
      margin: 0;
      font-size: 22px;
      font-weight: 600;
    }
    .page-subtitle {
      margin: 4px 0 0;
      color: rgba(0, 0, 0, 0.62);
    }
    .page-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .page-actions:empty {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeader {
  readonly heading = input.required<string>();
  readonly subtitle = input('');
}
