import { DOCUMENT, Injectable, inject } from '@angular/core';

/** The meta tag naming the pages' stylesheet (written by tools/index-html.mjs after the build). */
const META = 'meta[name="crm-page-styles"]';
/** The name before tools/index-html.mjs hashes it (the development server serves it so). */
const UNHASHED = 'ng-zorro-pages.css';
/** However the stylesheet fares, the shell shows after this long (a page unstyled beats no page). */
const GIVE_UP_MS = 10_000;

/**
 * The ng-zorro stylesheet of the signed-in pages (apps/web/src/styles/ng-zorro-pages.less): not in
 * the initial download, so a visitor on a slow phone gets the sign-in page sooner (issue 19 §2); the
 * shell's route waits for it, so no signed-in page shows unstyled. It goes before the app's own
 * stylesheet (app-styles), whose rules override ng-zorro's.
 */
@Injectable({ providedIn: 'root' })
export class PageStyles {
  private readonly document = inject(DOCUMENT);
  private loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.loading ??= new Promise<void>((resolve) => {
      const href = this.document.querySelector(META)?.getAttribute('content') ?? UNHASHED;
      const link = this.document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      const timer = setTimeout(resolve, GIVE_UP_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      link.addEventListener('load', done);
      link.addEventListener('error', done);
      const appStyles = this.document.head.querySelector('link[rel="stylesheet"][href*="app-styles"]');
      this.document.head.insertBefore(link, appStyles);
    });
    return this.loading;
  }
}
