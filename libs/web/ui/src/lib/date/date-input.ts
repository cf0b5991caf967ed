import {
  ChangeDetectionStrategy,
  Component,
  computed,
  forwardRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { ControlValueAccessor, FormsModule, NG_VALUE_ACCESSOR } from '@angular/forms';
import { CalendarOutline } from '@ant-design/icons-angular/icons';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzIconService } from 'ng-zorro-antd/icon';

/** A day as the API writes it, `YYYY-MM-DD`, or a month, `YYYY-MM`. */
export type DateInputMode = 'date' | 'month';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** The Date (local midnight) a picker shows for `YYYY-MM-DD` or `YYYY-MM`; null for anything else. */
export function pickerDateOf(value: string | null | undefined): Date | null {
  if (!value) return null;
  const day = DAY.exec(value);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  const month = MONTH.exec(value);
  return month ? new Date(Number(month[1]), Number(month[2]) - 1, 1) : null;
}

/** The calendar day (or month) a picker's Date stands for, in the browser's time zone. */
export function isoDateOf(date: Date, mode: DateInputMode = 'date'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}`;
  return mode === 'month' ? month : `${month}-${pad(date.getDate())}`;
}

/**
 * The one date field of the app: ng-zorro's picker showing `yyyy-MM-dd` (or `yyyy-MM` for a month)
 * whatever the browser's language, bound to the string the API expects (`2026-12-02`, `2026-12`,
 * '' when cleared). Works with ngModel and reactive forms; `inputId` lets a label point at it;
 * `min`/`max` (same format) grey out the days outside them.
 *
 * `<crm-date-input inputId="activity-date" formControlName="occurredOn" [max]="today" />`
 */
@Component({
  selector: 'crm-date-input',
  imports: [FormsModule, NzDatePickerModule],
  template: `
    <nz-date-picker
      class="date-input"
      [nzId]="inputId()"
      [nzMode]="mode()"
      [nzFormat]="format()"
      [nzPlaceHolder]="placeholder() || format()"
      [nzAllowClear]="allowClear()"
      [nzDisabled]="disabled()"
      [nzDisabledDate]="disabledDate()"
      [nzShowToday]="mode() === 'date'"
      [nzStatus]="status()"
      [ngModel]="date()"
      (ngModelChange)="choose($event)"
      (nzOnOpenChange)="$event || onTouched()"
      (change)="typed($event)"
    />
  `,
  styles: `
    :host {
      display: inline-block;
      width: 100%;
      max-width: 220px;
    }
    .date-input {
      width: 100%;
    }
  `,
  providers: [
    {
      provide: NG_VALUE_ACCESSOR,
      useExisting: forwardRef(() => DateInput),
      multi: true,
    },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateInput implements ControlValueAccessor {
  readonly mode = input<DateInputMode>('date');
  /** The id of the text box inside, for `<label for>` / `nzFor`. */
  readonly inputId = input<string | null>(null);
  readonly placeholder = input('');
  readonly min = input<string | null | undefined>(null);
  readonly max = input<string | null | undefined>(null);
  /** Days (or months) that may be chosen besides min/max, e.g. Mondays only for a week. */
  readonly allowed = input<((value: string) => boolean) | null>(null);
  readonly allowClear = input(true);
  /** Red (or amber) border outside an nz-form-control, which otherwise sets it. */
  readonly status = input<'' | 'error' | 'warning'>('');

  protected readonly value = signal<string>('');
  protected readonly disabled = signal(false);
  protected readonly date = computed(() => pickerDateOf(this.value()));
  protected readonly format = computed(() => (this.mode() === 'month' ? 'yyyy-MM' : 'yyyy-MM-dd'));
  protected readonly disabledDate = computed(() => {
    const mode = this.mode();
    const min = this.min();
    const max = this.max();
    const allowed = this.allowed();
    if (!min && !max && !allowed) return undefined;
    // Comparing the ISO strings of the same precision compares the days (or months).
    return (date: Date) => {
      const value = isoDateOf(date, mode);
      return (
        (!!min && value < min.slice(0, value.length)) ||
        (!!max && value > max.slice(0, value.length)) ||
        (!!allowed && !allowed(value))
      );
    };
  });

  constructor() {
    // The picker's own icon, so no page has to remember to register it.
    inject(NzIconService).addIcon(CalendarOutline);
  }

  private onChange: (value: string) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  protected choose(date: Date | null): void {
    const value = date ? isoDateOf(date, this.mode()) : '';
    if (value === this.value()) return;
    this.value.set(value);
    this.onChange(value);
  }

  /** A whole date typed (or pasted) and left: taken as if picked, so Tab works as well as Enter. */
  protected typed(event: Event): void {
    const text = (event.target as HTMLInputElement | null)?.value?.trim() ?? '';
    const date = pickerDateOf(text);
    const pattern = this.mode() === 'month' ? MONTH : DAY;
    if (!date || !pattern.test(text) || isoDateOf(date, this.mode()) !== text) return;
    // A day the picker greys out (outside min/max) is not taken by typing either.
    if (this.disabledDate()?.(date)) return;
    this.choose(date);
  }

  writeValue(value: unknown): void {
    this.value.set(typeof value === 'string' ? value : '');
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}
