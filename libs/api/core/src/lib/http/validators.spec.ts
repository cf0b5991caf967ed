import { ManualClock } from '@crm/domain';
import { ArgumentsHost, BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DatabaseInputErrorFilter, INVALID_VALUE_MESSAGE } from './database-error.filter';
import { createValidationPipe } from './validation';
import {
  calendarDateProblem,
  IntRange,
  IsCalendarDate,
  IsId,
  IsText,
  IsWan,
  latestPlausibleDate,
  OptionalText,
  RequiredText,
  textProblem,
  useClockForValidation,
} from './validators';

class Sample {
  @RequiredText({ zh: '名称', en: 'The name' }, 10)
  name!: string;

  @OptionalText({ zh: '备注', en: 'The note' }, 5)
  note?: string | null;

  @IsText({ zh: '姓名', en: 'A name' }, { max: 4, each: true })
  people: string[] = [];

  @IsCalendarDate({ zh: '日期', en: 'The date' })
  on = '2026-01-01';

  @IsCalendarDate({ zh: '开放时间', en: 'opensAt' }, { time: 'allowed' })
  at = '2026-01-01T08:00:00+08:00';

  @IsCalendarDate({ zh: '下次跟进日期', en: 'The next follow-up' }, { plausible: true })
  next = '2026-12-01';

  @IsId({ zh: '单位', en: 'unitId' })
  unitId = 1;

  @IntRange({ zh: '天数', en: 'days' }, 1, 30)
  days = 10;

  @IsWan()
  amount: unknown = '1200.5';
}

const errorsOf = async (plain: Record<string, unknown>) => {
  const found = await validate(plainToInstance(Sample, { name: '名称', ...plain }));
  return Object.fromEntries(found.map((e) => [e.property, Object.values(e.constraints ?? {})]));
};

describe('the shared input rules', () => {
  beforeAll(() => useClockForValidation(new ManualClock('2026-12-02T10:00:00+08:00')));

  it('refuses NUL, other control characters and lone surrogates, and accepts tabs, line breaks and emoji', () => {
    expect(textProblem('a\u0000b')).toBe('control');
    expect(textProblem('a\u0007b')).toBe('control');
    expect(textProblem('a\u0085b')).toBe('control');
    expect(textProblem('a\ud800b')).toBe('surrogate');
    expect(textProblem('a\udc00')).toBe('surrogate');
    expect(textProblem('第一行\n第二行\r\n\t缩进 😀')).toBeNull();
  });

  it('states the limit of a text that is too long, and refuses it rather than cutting it', async () => {
    const errors = await errorsOf({ name: '一二三四五六七八九十百' });
    expect(errors['name']).toEqual(['名称不能超过10个字（现有11个字），请删减后再提交 / The name must be at most 10 characters (it has 11)']);
    expect((await errorsOf({ name: '   ' }))['name']).toEqual(['请填写名称 / The name is required']);
    expect((await errorsOf({ name: undefined }))['name']).toEqual(['请填写名称 / The name is required']);
    expect((await errorsOf({ note: 'a\u0000' }))['note'][0]).toContain('含有不允许的控制字符');
    expect((await errorsOf({ people: ['张三', 'a\ud800'] }))['people'][0]).toContain('无法识别的字符');
    expect(await errorsOf({ note: '   ', people: ['张三'] })).toEqual({});
  });

  it('takes only real calendar days, also as the date of a date-time', async () => {
    expect(calendarDateProblem('2025-02-30')).toBe('format');
    expect(calendarDateProblem('2024-02-29')).toBeNull();
    expect(calendarDateProblem('2025-02-30T08:00:00+08:00', { time: 'allowed' })).toBe('format');
    expect(calendarDateProblem('2025-02-28T24:00:00Z', { time: 'allowed' })).toBe('format');
    expect(calendarDateProblem('2025-02-28T08:00:00.123Z', { time: 'allowed' })).toBeNull();
    expect(calendarDateProblem('1899-12-31')).toBe('early');
    expect((await errorsOf({ on: '2025-02-30' }))['on']).toEqual(['日期应为有效日期，格式 YYYY-MM-DD / The date must be a date written YYYY-MM-DD']);
    expect((await errorsOf({ at: '2025-02-30' }))['at']).toBeDefined();
  });

  it('keeps a planned date between 2000 and two years after today (the clock), saying why', async () => {
    expect(latestPlausibleDate()).toBe('2028-12-02');
    expect(calendarDateProblem('2028-12-02', { plausible: true })).toBeNull();
    expect(calendarDateProblem('2028-12-03', { plausible: true })).toBe('late');
    expect(calendarDateProblem('1999-12-31', { plausible: true })).toBe('early');
    expect((await errorsOf({ next: '2099-01-01' }))['next'][0]).toContain('不能晚于2028-12-02');
    expect(latestPlausibleDate(new Date('2024-02-29T04:00:00Z'))).toBe('2026-03-01');
  });

  it('keeps ids and counts within their range, and money in 万元 exact and bounded', async () => {
    for (const unitId of [1e20, -1, 0, 0.0000001, 2_147_483_648, '1']) {
      expect((await errorsOf({ unitId }))['unitId']).toBeDefined();
    }
    expect((await errorsOf({ days: 31 }))['days']).toEqual(['天数应为1至30之间的整数 / days must be a whole number from 1 to 30']);
    for (const amount of [1e20, -1, 0.0000001, '1.1234567', '123456789012345', 'abc', true]) {
      expect((await errorsOf({ amount }))['amount']).toBeDefined();
    }
    expect(await errorsOf({ amount: 0.1 })).toEqual({});
  });
});

describe('the validation pipe', () => {
  const pipe = createValidationPipe();
  const meta = { type: 'body' as const, metatype: Sample, data: undefined };

  it('answers a field tree 400 for a list where the object belongs, and for forbidden characters anywhere', async () => {
    const list = await pipe.transform([{ name: 'x' }], meta).catch((e: unknown) => e);
    expect(list).toBeInstanceOf(BadRequestException);
    expect((list as BadRequestException).getResponse()).toMatchObject({ errors: { body: [expect.stringContaining('JSON object')] } });
    const query = await pipe
      .transform({ q: 'a\u0000' }, { type: 'query', metatype: Object, data: undefined })
      .catch((e: unknown) => e);
    expect((query as BadRequestException).getResponse()).toMatchObject({ errors: { q: [expect.stringContaining('控制字符')] } });
  });
});

describe('the database edge', () => {
  function host() {
    const response = { headersSent: false, status: jest.fn(), json: jest.fn() };
    response.status.mockReturnValue(response);
    const h = {
      getType: () => 'http',
      switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'POST', path: '/api/x' }) }),
    } as unknown as ArgumentsHost;
    return { h, response };
  }

  it.each(['22P02', '22003', '22007', '22008', '22021', '22P05', '23514'])('answers 400, not 500, for SQLSTATE %s', (code) => {
    const { h, response } = host();
    new DatabaseInputErrorFilter().catch({ message: 'refused', driverError: { code } }, h);
    expect(response.status).toHaveBeenCalledWith(400);
    expect(response.json).toHaveBeenCalledWith({ statusCode: 400, message: INVALID_VALUE_MESSAGE });
  });
});
