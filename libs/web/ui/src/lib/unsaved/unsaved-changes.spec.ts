import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ActivatedRouteSnapshot, RouterStateSnapshot } from '@angular/router';
import { HasUnsavedChanges, unsavedChangesGuard, warnBeforeUnload } from './unsaved-changes';

@Component({ template: '' })
class Editor implements HasUnsavedChanges {
  dirty = false;
  constructor() {
    warnBeforeUnload(() => this.dirty);
  }
  hasUnsavedChanges(): boolean {
    return this.dirty;
  }
}

describe('unsaved changes', () => {
  const leave = (page: HasUnsavedChanges) =>
    TestBed.runInInjectionContext(() =>
      unsavedChangesGuard(page, {} as ActivatedRouteSnapshot, {} as RouterStateSnapshot, {} as RouterStateSnapshot),
    );
  afterEach(() => jest.restoreAllMocks());

  it('lets a page without changes go, and asks (in Chinese) before leaving one with changes', () => {
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(leave({ hasUnsavedChanges: () => false })).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    expect(leave({ hasUnsavedChanges: () => true })).toBe(false);
    expect(confirm).toHaveBeenCalledWith('有尚未保存的修改，离开后将丢失。确定离开吗？');
    confirm.mockReturnValue(true);
    expect(leave({ hasUnsavedChanges: () => true })).toBe(true);
  });

  it('has the browser ask before closing the tab while there are changes, until the page is gone', () => {
    const fixture = TestBed.createComponent(Editor);
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    fixture.componentInstance.dirty = true;
    expect(unload()).toBe(true);
    fixture.destroy();
    expect(unload()).toBe(false);
  });
});
