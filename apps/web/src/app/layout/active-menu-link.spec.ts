import { activeMenuLink } from './basic-layout';

const MENU = [{ link: '/cockpit' }, { link: '/chains' }, { link: '/projects' }, { link: '/board' }, { link: '/meetings' }];

describe('activeMenuLink', () => {
  it('puts a chain’s board under 项目看板, not 产业链总览', () => {
    expect(activeMenuLink('/chains/clean-energy/board', MENU)).toBe('/board');
    expect(activeMenuLink('/chains/clean-energy/board?stage=signed', MENU)).toBe('/board');
  });

  it('keeps a chain’s own page, other pages and their sub-pages under their entry', () => {
    expect(activeMenuLink('/chains', MENU)).toBe('/chains');
    expect(activeMenuLink('/chains/clean-energy', MENU)).toBe('/chains');
    expect(activeMenuLink('/cockpit/chains/clean-energy?year=2026', MENU)).toBe('/cockpit');
    expect(activeMenuLink('/meetings/items', MENU)).toBe('/meetings');
    expect(activeMenuLink('/projectsX', MENU)).toBeNull();
  });
});
