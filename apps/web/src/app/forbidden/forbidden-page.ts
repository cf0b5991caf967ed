import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { HOME_URL, TranslatePipe } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzResultModule } from 'ng-zorro-antd/result';

/** 无权访问: where `roleGuard` sends a user whose role may not open a page. */
@Component({
  selector: 'crm-forbidden-page',
  imports: [NzButtonModule, NzCardModule, NzResultModule, RouterLink, TranslatePipe],
  template: `
    <nz-card>
      <nz-result
        nzStatus="403"
        [nzTitle]="'forbidden.title' | t"
        [nzSubTitle]="'forbidden.hint' | t"
      >
        <div nz-result-extra>
          <a nz-button nzType="primary" [routerLink]="home">
            {{ 'forbidden.back' | t }}
          </a>
        </div>
      </nz-result>
    </nz-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForbiddenPage {
  protected readonly home = HOME_URL;
}
