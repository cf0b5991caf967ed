import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { UI_TEXT, statusOf } from '../text/ui-text';

/** What a page knows about data it asked the API for. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/** The value of a ready state, else null: `@if (ready(state()); as value) {…}`. */
export function readyValue<T>(state: LoadState<T>): T | null {
  return state.status === 'ready' ? state.value : null;
}

/** Any page's state, whatever its ready half carries. */
export type LoadStatus = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: unknown };

type Shown = 'loading' | 'forbidden' | 'not-found' | 'error' | 'empty' | 'ready';

/**
 * Everything a page shows before its data: a skeleton while loading; 无权查看 with a way back when
 * the API answers 403; 找不到 with a way back on 404 (or the statuses in `notFoundStatuses`); the
 * reason and a retry button for any other failure; an empty state when the page says its ready
 * data is `empty`. Once ready (and not empty) it shows nothing: the page shows its data itself.
 *
 * `<crm-load-state [state]="state()" [errorTitle]="'x.loadError' | t" (retry)="load()" />`
 * Texts not given come from UI_TEXT (the interface language); `framed` puts them in a card.
 * Content marked `crmEmpty` is shown under the empty state (an action such as 新增).
 */
@Component({
  selector: 'crm-load-state',
  imports: [NgTemplateOutlet, RouterLink, NzButtonModule, NzCardModule, NzEmptyModule, NzResultModule, NzSkeletonModule],
  template: `
    @if (shown() !== 'ready') {
      @if (framed()) {
        <nz-card [class.load-card]="true"><ng-container [ngTemplateOutlet]="body" /></nz-card>
      } @else {
        <ng-container [ngTemplateOutlet]="body" />
      }
    }
    <ng-template #body>
      @switch (shown()) {
        @case ('loading') {
          <nz-skeleton
            class="load-skeleton"
            role="status"
            [attr.aria-label]="text.t('loadState.loading')"
            [nzActive]="true"
            [nzParagraph]="{ rows: rows() }"
          />
        }
        @case ('forbidden') {
          <nz-result
            class="load-forbidden"
            nzStatus="403"
            [nzTitle]="forbiddenTitle() || text.t('loadState.forbiddenTitle')"
            [nzSubTitle]="forbiddenHint() || errorText() || text.t('loadState.forbiddenHint')"
          >
            <div nz-result-extra>
              <a nz-button nzType="primary" class="back" [routerLink]="backLink()">{{ backLabel() || text.t('loadState.back') }}</a>
            </div>
          </nz-result>
        }
        @case ('not-found') {
          <nz-result
            class="load-not-found"
            nzStatus="404"
            [nzTitle]="notFoundTitle() || text.t('loadState.notFoundTitle')"
            [nzSubTitle]="notFoundHint() || text.t('loadState.notFoundHint')"
          >
            <div nz-result-extra>
              <a nz-button nzType="primary" class="back" [routerLink]="backLink()">{{ backLabel() || text.t('loadState.back') }}</a>
            </div>
          </nz-result>
        }
        @case ('error') {
          <nz-result
            class="load-error"
            nzStatus="error"
            [nzTitle]="errorTitle() || text.t('loadState.loadError')"
            [nzSubTitle]="subtitle()"
          >
            <div nz-result-extra>
              <button nz-button nzType="primary" type="button" class="retry" (click)="retry.emit()">
                {{ retryLabel() || text.t('common.retry') }}
              </button>
            </div>
          </nz-result>
        }
        @case ('empty') {
          <nz-empty class="load-empty" [nzNotFoundContent]="emptyText() || text.t('loadState.empty')" [nzNotFoundFooter]="emptyFooter" />
        }
      }
    </ng-template>
    <ng-template #emptyFooter><ng-content select="[crmEmpty]" /></ng-template>
  `,
  styles: `
    :host {
      display: block;
    }
    .load-card {
      margin-bottom: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadStateView {
  protected readonly text = inject(UI_TEXT);

  readonly state = input.required<LoadStatus>();
  /** The failure's title; 未能加载 when not given. */
  readonly errorTitle = input('');
  /** The failure's reason (also said under 无权查看); the API's message when not given. */
  readonly errorText = input('');
  readonly retryLabel = input('');
  readonly forbiddenTitle = input('');
  readonly forbiddenHint = input('');
  readonly notFoundTitle = input('');
  readonly notFoundHint = input('');
  /** HTTP statuses that mean "no such thing" (a malformed id answers 400 on some routes). */
  readonly notFoundStatuses = input<readonly number[]>([404]);
  /** Where 无权查看 and 找不到 lead back to. */
  readonly backLink = input<string | readonly unknown[]>('/');
  readonly backLabel = input('');
  /** The ready data has nothing to show. */
  readonly empty = input(false);
  readonly emptyText = input('');
  readonly rows = input(6);
  /** In a card, as the pages whose content sits in cards. */
  readonly framed = input(false);
  readonly retry = output<void>();

  protected readonly shown = computed<Shown>(() => {
    const state = this.state();
    if (state.status === 'loading') return 'loading';
    if (state.status === 'ready') return this.empty() ? 'empty' : 'ready';
    const status = statusOf(state.error);
    if (status === 403) return 'forbidden';
    if (this.notFoundStatuses().includes(status)) return 'not-found';
    return 'error';
  });

  protected readonly subtitle = computed(() => {
    const state = this.state();
    if (this.errorText()) return this.errorText();
    return state.status === 'error' ? this.text.describe(state.error) : '';
  });
}
