import { DOCUMENT, DestroyRef, inject } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';
import { UI_TEXT } from '../text/ui-text';

/** A page (or the page holding a dialog) whose form may hold changes not yet saved. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/**
 * Asks before leaving a page with unsaved changes for another page of the app (canDeactivate on
 * the editing routes). Leaving the app altogether (closing the tab, reloading) is covered by
 * `warnBeforeUnload`, which the page calls once.
 */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (page) => {
  if (!page?.hasUnsavedChanges?.()) return true;
  const view = inject(DOCUMENT).defaultView;
  return view ? view.confirm(inject(UI_TEXT).t('unsaved.confirm')) : true;
};

/**
 * The browser's own "leave site?" question while `dirty()` holds, for as long as the calling
 * component lives. Call in a constructor (an injection context).
 */
export function warnBeforeUnload(dirty: () => boolean): void {
  const view = inject(DOCUMENT).defaultView;
  if (!view) return;
  const listener = (event: BeforeUnloadEvent) => {
    if (!dirty()) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  };
  view.addEventListener('beforeunload', listener);
  inject(DestroyRef).onDestroy(() => view.removeEventListener('beforeunload', listener));
}
