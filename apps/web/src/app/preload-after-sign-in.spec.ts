import { DefaultUrlSerializer } from '@angular/router';
import { nextPages } from './preload-after-sign-in';

describe('what the sign-in page fetches ahead', () => {
  const url = (u: string) => new DefaultUrlSerializer().parse(u);

  it('fetches the page to return to', () => {
    expect(nextPages(url('/login?returnUrl=%2Fcockpit%3Fyear%3D2025'))).toEqual(['cockpit']);
    expect(nextPages(url('/login?returnUrl=%2Fprojects%2Fabc'))).toEqual(['projects']);
  });

  it('fetches both homes when no page is asked for', () => {
    expect(nextPages(url('/login'))).toEqual(['cockpit', 'chains']);
  });

  it('fetches nothing ahead anywhere but on the sign-in page', () => {
    expect(nextPages(url('/cockpit'))).toBeNull();
    expect(nextPages(url('/chains?returnUrl=%2Fcockpit'))).toBeNull();
  });
});
