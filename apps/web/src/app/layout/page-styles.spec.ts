import { TestBed } from '@angular/core/testing';
import { PageStyles } from './page-styles';

describe('the signed-in pages’ stylesheet', () => {
  afterEach(() => {
    document.head.querySelectorAll('link, meta[name="crm-page-styles"]').forEach((e) => e.remove());
  });

  function head(html: string): void {
    document.head.insertAdjacentHTML('beforeend', html);
  }

  it('is fetched once, by the name index.html gives, before the app’s own stylesheet, and waited for', async () => {
    head('<link rel="stylesheet" href="styles-AAAAAAAA.css"><link rel="stylesheet" href="app-styles-BBBBBBBB.css">');
    head('<meta name="crm-page-styles" content="ng-zorro-pages-CCCCCCCC.css">');
    const styles = TestBed.inject(PageStyles);
    let loaded = false;
    const first = styles.load().then(() => (loaded = true));
    const second = styles.load();

    const links = [...document.head.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'));
    expect(links).toEqual(['styles-AAAAAAAA.css', 'ng-zorro-pages-CCCCCCCC.css', 'app-styles-BBBBBBBB.css']);
    await Promise.resolve();
    expect(loaded).toBe(false);

    document.head.querySelector('link[href="ng-zorro-pages-CCCCCCCC.css"]')?.dispatchEvent(new Event('load'));
    await first;
    await second;
    expect(loaded).toBe(true);
  });

  it('takes the unhashed name where no build has named it (the development server), and a failure does not block the shell', async () => {
    const styles = TestBed.inject(PageStyles);
    const loading = styles.load();
    const link = document.head.querySelector('link[rel="stylesheet"]');
    expect(link?.getAttribute('href')).toBe('ng-zorro-pages.css');

    link?.dispatchEvent(new Event('error'));
    await expect(loading).resolves.toBeUndefined();
  });
});
