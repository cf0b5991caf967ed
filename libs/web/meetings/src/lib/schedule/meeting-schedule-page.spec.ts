import type { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import type { MeetingScheduleRow, MeetingScheduleView, Role } from '@crm/domain';
import { setUp, text, user } from '../pack/pack-testing';
import { MeetingSchedulePage } from './meeting-schedule-page';

function row(overrides: Partial<MeetingScheduleRow> = {}): MeetingScheduleRow {
  return {
    chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
    dayOfMonth: 25,
    remindDaysBefore: 3,
    scheduledOn: '2025-06-25',
    held: null,
    status: 'missing',
    version: 2,
    ...overrides,
  };
}

function scheduleView(): MeetingScheduleView {
  return {
    year: 2025,
    month: 6,
    asOf: '2025-06-28',
    rows: [
      row(),
      row({
        chain: { code: 'culture-tourism', nameZh: '文化旅游产业链' },
        dayOfMonth: 10,
        scheduledOn: '2025-06-10',
        held: { id: 'm-7', heldOn: '2025-06-11' },
        status: 'held',
      }),
      row({
        chain: { code: 'salt-lake-chemical', nameZh: '盐湖化工产业链' },
        dayOfMonth: null,
        scheduledOn: null,
        status: 'unscheduled',
        version: 0,
      }),
    ],
  };
}

describe('MeetingSchedulePage', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function ready(roles: Role[]) {
    backend = await setUp([{ path: 'meetings/schedule', component: MeetingSchedulePage }], user(roles));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/meetings/schedule?year=2025&month=6', MeetingSchedulePage);
    const req = backend.expectOne((r) => r.url === '/api/meeting-schedule');
    expect(req.request.params.get('year')).toBe('2025');
    expect(req.request.params.get('month')).toBe('6');
    req.flush(scheduleView());
    await harness.fixture.whenStable();
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  it('shows staff each chain’s day, reminder, date and status, read only', async () => {
    const { element } = await ready(['staff']);
    expect(element.querySelectorAll('nz-input-number, input.ant-input-number-input').length).toBe(0);
    expect(element.querySelector('button.save')).toBeNull();
    const rows = [...element.querySelectorAll('tr.schedule-row')].map(text);
    expect(rows).toEqual([
      '清洁能源产业链 每月 25 日 提前 3 天 2025-06-25 未召开 —',
      '文化旅游产业链 每月 10 日 提前 3 天 2025-06-10 已召开 2025-06-11 已召开',
      '盐湖化工产业链 未设定 提前 3 天 — 未设定 —',
    ]);
    expect(element.querySelector('[data-status="missing"]')?.classList).toContain('ant-tag-red');
    expect(element.querySelector<HTMLAnchorElement>('a.held')?.getAttribute('href')).toBe('/meetings/m-7');
  });

  it('lets the office change a row and save it with a PUT', async () => {
    const { harness, element } = await ready(['office']);
    const day = element.querySelector<HTMLInputElement>('#day-clean-energy');
    const remind = element.querySelector<HTMLInputElement>('#remind-clean-energy');
    expect(day?.value).toBe('25');
    expect(remind?.value).toBe('3');
    expect(element.querySelector('label[for="day-clean-energy"]')).not.toBeNull();

    const save = element.querySelector<HTMLButtonElement>('tr[data-chain="clean-energy"] button.save');
    expect(save?.disabled).toBe(true);
    typeInto(day, '20');
    typeInto(remind, '5');
    await harness.fixture.whenStable();
    expect(save?.disabled).toBe(false);
    save?.click();
    await harness.fixture.whenStable();

    const put = backend.expectOne('/api/meeting-schedule/clean-energy');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ dayOfMonth: 20, remindDaysBefore: 5, version: 2 });
    put.flush(row({ dayOfMonth: 20, remindDaysBefore: 5, scheduledOn: '2025-06-20' }));
    await harness.fixture.whenStable();
    expect(text(element.querySelector('tr[data-chain="clean-energy"] .scheduled-on'))).toBe('2025-06-20');
    expect(save?.disabled).toBe(true);
  });

  it('shows the API’s refusal in words on the row', async () => {
    const { harness, element } = await ready(['office']);
    typeInto(element.querySelector<HTMLInputElement>('#day-salt-lake-chemical'), '12');
    await harness.fixture.whenStable();
    element.querySelector<HTMLButtonElement>('tr[data-chain="salt-lake-chemical"] button.save')?.click();
    await harness.fixture.whenStable();
    const put = backend.expectOne('/api/meeting-schedule/salt-lake-chemical');
    expect(put.request.body).toEqual({ dayOfMonth: 12, remindDaysBefore: 3, version: 0 });
    put.flush(
      {
        statusCode: 400,
        message: '提交的内容有误，请按提示修改 / The input is invalid, see the field messages',
        errors: { dayOfMonth: ['召开日须在 1 至 28 日之间 / The day must be from 1 to 28'] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();
    expect(text(element.querySelector('tr[data-chain="salt-lake-chemical"] .row-error'))).toBe('召开日须在 1 至 28 日之间');
  });

  it('shows a refusal without field messages as the API words it', async () => {
    const { harness, element } = await ready(['office']);
    typeInto(element.querySelector<HTMLInputElement>('#remind-clean-energy'), '4');
    await harness.fixture.whenStable();
    element.querySelector<HTMLButtonElement>('tr[data-chain="clean-energy"] button.save')?.click();
    await harness.fixture.whenStable();
    backend
      .expectOne('/api/meeting-schedule/clean-energy')
      .flush({ statusCode: 403, message: '只有领导小组办公室可以设定日程 / Only the office sets the schedule' }, { status: 403, statusText: 'Forbidden' });
    await harness.fixture.whenStable();
    expect(text(element.querySelector('tr[data-chain="clean-energy"] .row-error'))).toBe('只有领导小组办公室可以设定日程');
  });

  it('reads the month again when the answer to a save is not a row', async () => {
    const { harness, element } = await ready(['office']);
    typeInto(element.querySelector<HTMLInputElement>('#remind-clean-energy'), '7');
    await harness.fixture.whenStable();
    element.querySelector<HTMLButtonElement>('tr[data-chain="clean-energy"] button.save')?.click();
    await harness.fixture.whenStable();
    backend.expectOne('/api/meeting-schedule/clean-energy').flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    backend.expectOne((r) => r.url === '/api/meeting-schedule').flush(scheduleView());
    await harness.fixture.whenStable();
  });
});

/** Types a value as a user would: the input event, then leaving the field. */
function typeInto(input: HTMLInputElement | null, value: string): void {
  if (!input) throw new Error('no input');
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.blur();
  input.dispatchEvent(new FocusEvent('blur'));
  input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
}
