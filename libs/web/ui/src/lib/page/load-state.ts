import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';

/** What a page knows about data it asked the API for. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/** The value of a ready state, else null: `@if (ready(state()); as value) {…}`. */
export function readyValue<T>(state: LoadState<T>): T | null {
  return state.status === 'ready' ? state.value : null;
}

/**
 * The loading and failed halves of a page's load state: a skeleton while loading, the reason and
 * a retry button when the call failed, nothing once ready (the page shows its data itself).
 * Texts come in from the page, in the interface language:
 * `<crm-load-state [state]="state()" [errorTitle]="'x.loadError' | t" [errorText]="errorText()"
 * [retryLabel]="'common.retry' | t" (retry)="load()" />`.
 */
@Component({
  selector: 'crm-load-state',
  imports: [NzButtonModule, NzResultModule, NzSkeletonModule],
  template: `
    @switch (state().status) {
      @case ('loading') {
        <nz-skeleton class="load-skeleton" [nzActive]="true" [nzParagraph]="{ rows: rows() }" />
      }
      @case ('error') {
        <nz-result class="load-error" nzStatus="error" [nzTitle]="errorTitle()" [nzSubTitle]="errorText()">
          <div nz-result-extra>
            <button nz-button nzType="primary" type="button" class="retry" (click)="retry.emit()">
              {{ retryLabel() }}
            </button>
          </div>
        </nz-result>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadStateView {
  readonly state = input.required<LoadState<unknown>>();
  readonly errorTitle = input('');
  readonly errorText = input('');
  readonly retryLabel = input('');
  readonly rows = input(6);
  readonly retry = output<void>();
}
