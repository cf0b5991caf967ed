import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AppClock, TranslatePipe } from '@crm/web/core';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { MONTHS, yearOptions } from '../data-access/figures';

/** 年份 and 月份: the month whose year to date the page shows. */
@Component({
  selector: 'crm-month-picker',
  imports: [FormsModule, NzSelectModule, TranslatePipe],
  template: `
    <nz-select
      class="year"
      [attr.aria-label]="'cockpit.year' | t"
      [ngModel]="year()"
      (ngModelChange)="changed.emit({ year: $event, month: month() })"
    >
      @for (y of years(); track y) {
        <nz-option
          [nzValue]="y"
          [nzLabel]="'cockpit.yearOption' | t: { year: y }"
        />
      }
    </nz-select>
    <nz-select
      class="month"
      [attr.aria-label]="'cockpit.month' | t"
      [ngModel]="month()"
      (ngModelChange)="changed.emit({ year: year(), month: $event })"
    >
      @for (m of months; track m) {
        <nz-option
          [nzValue]="m"
          [nzLabel]="'cockpit.monthOption' | t: { month: m }"
        />
      }
    </nz-select>
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 8px;
    }
    .year {
      width: 104px;
    }
    .month {
      width: 92px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthPicker {
  private readonly clock = inject(AppClock);
  readonly year = input.required<number>();
  readonly month = input.required<number>();
  readonly changed = output<{ year: number; month: number }>();

  protected readonly months = MONTHS;
  protected readonly years = computed(() =>
    yearOptions(this.clock.year(), this.year()),
  );
}
