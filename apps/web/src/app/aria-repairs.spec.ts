import { startAriaRepairs } from './aria-repairs';

/** MutationObserver callbacks run as microtasks. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('startAriaRepairs', () => {
  let stop: () => void;
  const start = () => startAriaRepairs(document, { passwordToggle: () => '显示或隐藏密码' }).stop;
  afterEach(() => {
    stop();
    document.body.innerHTML = '';
  });

  it('hides icons, present and added later, from screen readers', async () => {
    document.body.innerHTML = '<button><span class="anticon anticon-left" role="img" aria-label="left"></span>返回</button>';
    stop = start();
    expect(document.querySelector('.anticon-left')?.getAttribute('aria-hidden')).toBe('true');

    const later = document.createElement('div');
    later.innerHTML = '<a><span class="anticon anticon-reload" role="img" aria-label="reload"></span>刷新</a>';
    document.body.append(later);
    const icon = document.createElement('span');
    icon.className = 'anticon anticon-bell';
    document.body.append(icon);
    await settle();
    expect(later.querySelector('.anticon')?.getAttribute('aria-hidden')).toBe('true');
    expect(icon.getAttribute('aria-hidden')).toBe('true');
  });

  it('takes aria-selected off segmented labels, also when the choice changes', async () => {
    document.body.innerHTML =
      '<label class="ant-segmented-item"><input type="radio" /><div class="ant-segmented-item-label" aria-selected="true">中文</div></label>';
    stop = start();
    const label = document.querySelector('.ant-segmented-item-label') as HTMLElement;
    expect(label.hasAttribute('aria-selected')).toBe(false);

    label.setAttribute('aria-selected', 'false');
    await settle();
    expect(label.hasAttribute('aria-selected')).toBe(false);
  });

  it('hands the aria-label of a select to its input, unless a <label for> names it', async () => {
    document.body.innerHTML = `
      <nz-select aria-label="年份"><input class="ant-select-selection-search-input" /></nz-select>
      <label for="end">截至月份</label><nz-select aria-label="截至"><input id="end" /></nz-select>`;
    stop = start();
    const [year, end] = [...document.querySelectorAll('input')];
    expect(year.getAttribute('aria-label')).toBe('年份');
    expect(end.hasAttribute('aria-label')).toBe(false);

    document.querySelector('nz-select')?.setAttribute('aria-label', 'Year');
    await settle();
    expect(year.getAttribute('aria-label')).toBe('Year');
  });

  it('names the show-password toggle', () => {
    document.body.innerHTML = '<span class="ant-input-password-icon" role="button"><span class="anticon anticon-eye-invisible"></span></span>';
    stop = start();
    expect(document.querySelector('[role="button"]')?.getAttribute('aria-label')).toBe('显示或隐藏密码');
  });
});
