/** Texts the repairs write, in the interface language. */
export interface AriaRepairTexts {
  /** The name of ng-zorro's show/hide-password toggle. */
  passwordToggle(): string;
}

/** ng-zorro controls whose input sits inside the element that carries the aria-label. */
const NAMED_HOSTS = 'nz-select, nz-date-picker, nz-month-picker, nz-year-picker, nz-range-picker, nz-input-number';
const HOST_INPUT = 'input:not([type="hidden"])';

/**
 * What ng-zorro draws that screen readers get wrong, put right once for every page:
 *
 * - `nz-icon` is `role="img"` named by its glyph in English ("left", "reload"). In this app an
 *   icon never carries meaning alone: the button or link around it has a text or an aria-label in
 *   the interface language. So every icon is hidden from assistive technology.
 * - `nz-segmented` marks each option's label `aria-selected`, which a plain element may not carry;
 *   the option is a real radio button, checked or not, which already says it.
 * - `nz-select` and the date pickers take an aria-label on the element the template writes, but
 *   the input inside stays nameless: the label is handed on to it (unless a <label for> names it).
 * - The password field's show/hide toggle is a nameless `role="button"`.
 * - A table that scrolls sideways (on a phone) must be reachable by keyboard to be scrolled: its
 *   scrolling box joins the tab order.
 *
 * One observer on the document, so pages need only an aria-label on the control, and ng-zorro's
 * own icons (pagination, select, date picker, modal) are covered too. `refresh` re-applies the
 * texts after a language switch.
 */
export function startAriaRepairs(doc: Document, texts: AriaRepairTexts): { stop(): void; refresh(): void } {
  const nameInputs = (host: Element) => {
    const label = host.getAttribute('aria-label');
    if (!label) return;
    host.querySelectorAll<HTMLInputElement>(HOST_INPUT).forEach((input) => {
      if (!input.labels?.length && !input.hasAttribute('aria-labelledby')) input.setAttribute('aria-label', label);
    });
  };
  const repair = (root: Element) => {
    root.querySelectorAll('.anticon:not([aria-hidden])').forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
    root
      .querySelectorAll('.ant-segmented-item-label[aria-selected]')
      .forEach((label) => label.removeAttribute('aria-selected'));
    if (root.matches(NAMED_HOSTS)) nameInputs(root);
    root.querySelectorAll(NAMED_HOSTS).forEach(nameInputs);
    root
      .querySelectorAll('nz-table-inner-scroll > .ant-table-content:not([tabindex]), nz-table-inner-scroll > .ant-table-body:not([tabindex])')
      .forEach((box) => box.setAttribute('tabindex', '0'));
    const toggle = texts.passwordToggle();
    root.querySelectorAll('.ant-input-password-icon').forEach((button) => button.setAttribute('aria-label', toggle));
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target as Element;
      if (record.type === 'attributes') {
        if (record.attributeName === 'aria-selected') {
          if (target.classList.contains('ant-segmented-item-label')) target.removeAttribute('aria-selected');
        } else if (target.matches(NAMED_HOSTS)) {
          nameInputs(target);
        }
        continue;
      }
      const host = target.closest(NAMED_HOSTS);
      if (host) nameInputs(host);
      record.addedNodes.forEach((node) => {
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        const element = node as Element;
        if (element.classList.contains('anticon') && !element.hasAttribute('aria-hidden')) {
          element.setAttribute('aria-hidden', 'true');
        }
        repair(element);
      });
    }
  });
  repair(doc.body);
  observer.observe(doc.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-selected', 'aria-label'],
  });
  return { stop: () => observer.disconnect(), refresh: () => repair(doc.body) };
}
