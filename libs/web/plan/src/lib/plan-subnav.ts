import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { filter, map } from 'rxjs';
import { TranslatePipe } from '@crm/web/core';

/** The plan's pages, one tap apart: the years' plans, people and units, 往年实绩. */
@Component({
  selector: 'crm-plan-subnav',
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  template: `
    <nav class="subnav" [attr.aria-label]="'plan.nav.label' | t">
      <a routerLink="/plan" [class.active]="onPlans()" [attr.aria-current]="onPlans() ? 'page' : null">{{ 'plan.nav.plans' | t }}</a>
      <a routerLink="/plan/roles" routerLinkActive="active">{{ 'plan.nav.roles' | t }}</a>
      <a routerLink="/plan/baselines" routerLinkActive="active">{{ 'plan.nav.baselines' | t }}</a>
    </nav>
  `,
  styles: `
    :host {
      display: block;
      margin: -8px 0 16px;
    }
    .subnav {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 20px;
      border-bottom: 1px solid #f0f0f0;
    }
    a {
      padding: 6px 0;
      color: rgba(0, 0, 0, 0.65);
      border-bottom: 2px solid transparent;
    }
    a.active {
      color: #1677ff;
      border-bottom-color: #1677ff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanSubnav {
  private readonly router = inject(Router);

  /** 年度方案 is where the reader is on the list and on any one year's plan. */
  protected readonly onPlans = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.isPlans()),
    ),
    { initialValue: this.isPlans() },
  );

  private isPlans(): boolean {
    return /^\/plan(\/\d{4})?\/?(\?|#|$)/.test(this.router.url);
  }
}
