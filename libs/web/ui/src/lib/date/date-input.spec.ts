import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { DateInput, isoDateOf, pickerDateOf } from './date-input';

@Component({
  imports: [DateInput, FormsModule, ReactiveFormsModule],
  template: `
    <crm-date-input inputId="day" max="2027-06-30" [ngModel]="day()" (ngModelChange)="day.set($event)" />
    <crm-date-input inputId="month" mode="month" [formControl]="month" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly day = signal('2026-12-02');
  readonly month = new FormControl('2026-11', { nonNullable: true });
}

function enter(root: HTMLElement, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('DateInput', () => {
  it('shows the API’s day as yyyy-MM-dd and a month as yyyy-MM, whatever the browser language', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector<HTMLInputElement>('#day')?.value).toBe('2026-12-02');
    expect(page.querySelector<HTMLInputElement>('#month')?.value).toBe('2026-11');
  });

  it('hands back the ISO string of a typed date, and ignores text that is not a real date', async () => {
    const fixture = TestBed.createComponent(Host);
    const host = fixture.componentInstance;
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    enter(page, '#day', '2027-01-31');
    expect(host.day()).toBe('2027-01-31');
    enter(page, '#day', '2027-02-30');
    expect(host.day()).toBe('2027-01-31');
    enter(page, '#day', '31/01/2027');
    expect(host.day()).toBe('2027-01-31');
    enter(page, '#day', '2027-07-01');
    expect(host.day()).toBe('2027-01-31');

    enter(page, '#month', '2027-03');
    expect(host.month.value).toBe('2027-03');
    enter(page, '#month', '2027-13');
    expect(host.month.value).toBe('2027-03');
  });

  it('converts between the picker’s local Date and the calendar day, without a time-zone shift', () => {
    const date = pickerDateOf('2026-03-29');
    expect(date?.getDate()).toBe(29);
    expect(isoDateOf(date as Date)).toBe('2026-03-29');
    expect(isoDateOf(new Date(2026, 0, 5, 23, 59), 'month')).toBe('2026-01');
    expect(pickerDateOf('2026-1-5')).toBeNull();
    expect(pickerDateOf('')).toBeNull();
  });
});
