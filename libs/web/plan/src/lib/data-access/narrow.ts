import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** The phone width at which the plan's tables become one card per line instead of scrolling sideways. */
export const NARROW = '(max-width: 767.98px)';

/** Whether the screen is a phone's (call in an injection context). */
export function injectNarrow(): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(NARROW)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
}
