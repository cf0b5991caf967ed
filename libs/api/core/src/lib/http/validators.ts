import { addDays, isCalendarDate, isYearMonth, shanghaiToday, WAN_INPUT_MESSAGES, wanInputProblem, type Clock } from '@crm/domain';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';

type Label = { zh: string; en: string };

/**
 * The shared input rules of every DTO (README "Input rules"):
 * - text: no NUL, no other control character than tab, newline and carriage return, no lone
 *   surrogate (half of an emoji), and a maximum length stated in the message; too long is refused,
 *   never cut;
 * - calendar dates YYYY-MM-DD (2025-02-30 refused), also as the date part of a date-time;
 * - plausible dates: a date that plans ahead (next follow-up, due date, meeting date, deadline) lies
 *   between 2000-01-01 and two years after today (the injected clock, Asia/Shanghai);
 * - whole numbers within a stated range (ids 1 … 2147483647, PostgreSQL's integer).
 * The validation pipe also refuses the forbidden characters in any string of any request, so a
 * field a DTO forgot still never reaches the database with a NUL.
 */

/** Why a text may not be stored, or null. */
export type TextProblem = 'control' | 'surrogate';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function textProblem(value: string): TextProblem | null {
  if (CONTROL.test(value)) return 'control';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return null;
}
export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, Label> = {
  control: {
    zh: '含有不允许的控制字符（如空字符），请删除后再提交',
    en: 'contains a control character that is not allowed (such as NUL); remove it and submit again',
  },
  surrogate: {
    zh: '含有无法识别的字符（不完整的表情或符号），请删除后再提交',
    en: 'contains an unreadable character (half of an emoji or symbol); remove it and submit again',
  },
};
const textProblemMessage = (label: Label, problem: TextProblem) =>
  `${label.zh}${TEXT_PROBLEM_MESSAGES[problem].zh} / ${label.en} ${TEXT_PROBLEM_MESSAGES[problem].en}`;

/** The largest value of a PostgreSQL integer column: ids and counts stay within it. */
export const PG_INT_MAX = 2_147_483_647;

/** The earliest plausible business date and how far ahead a planned date may lie. */
export const PLAUSIBLE_DATE_FROM = '2000-01-01';
export const PLAUSIBLE_YEARS_AHEAD = 2;

let ruleClock: Clock = { now: () => new Date() };
/** The clock the plausible-date rule reads "today" from; configureHttpApp sets the app's CLOCK. */
export function useClockForValidation(clock: Clock): void {
  ruleClock = clock;
}
/** The latest plausible planned date: two years after today (Asia/Shanghai). */
export function latestPlausibleDate(now: Date = ruleClock.now()): string {
  const today = shanghaiToday(now);
  const [y, m, d] = today.split('-').map(Number);
  const ahead = `${y + PLAUSIBLE_YEARS_AHEAD}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(ahead) ? ahead : addDays(`${y + PLAUSIBLE_YEARS_AHEAD}-${String(m).padStart(2, '0')}-28`, 1);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

export type CalendarDateProblem = 'format' | 'early' | 'late';
export interface CalendarDateRule {
  /** 'allowed': YYYY-MM-DD or an ISO date-time; 'only': a date-time is required. Default: a date only. */
  time?: 'allowed' | 'only';
  /** A date that plans ahead: 2000-01-01 … two years after today. */
  plausible?: boolean;
}
/** Why a value is not a calendar date (or date-time) by the rule, or null. */
export function calendarDateProblem(value: unknown, rule: CalendarDateRule = {}): CalendarDateProblem | null {
  if (typeof value !== 'string') return 'format';
  let date: string;
  if (rule.time === 'only' || (rule.time === 'allowed' && value.length > 10)) {
    const m = DATE_TIME.exec(value);
    if (!m) return 'format';
    date = m[1];
  } else {
    date = value;
  }
  if (!isCalendarDate(date)) return 'format';
  if (date < '1900-01-01') return 'early';
  if (rule.plausible) {
    if (date < PLAUSIBLE_DATE_FROM) return 'early';
    if (date > latestPlausibleDate()) return 'late';
  }
  return null;
}

/** Trims text; blank optional text becomes null. */
export const TrimToNull = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value));
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * Money in 万元. Sent as a decimal string; a JSON number is taken by its shortest decimal
 * writing (0.1 stays "0.1"), so no float arithmetic happens on it.
 */
export function IsWan(options: { allowZero?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))(
      target,
      propertyName,
    );
    registerDecorator({
      name: 'isWan',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && wanInputProblem(value, options) === null,
        defaultMessage: (args) => {
          const problem = typeof args?.value === 'string' ? wanInputProblem(args.value, options) : 'format';
          const m = WAN_INPUT_MESSAGES[problem ?? 'format'];
          return `${m.zh} / ${m.en}`;
        },
      },
    });
  };
}

/**
 * A calendar date, YYYY-MM-DD (2025-02-30 refused); with `time` also an ISO date-time whose date
 * part is a real day; with `plausible` a planned date between 2000-01-01 and two years ahead.
 */
export function IsCalendarDate(label: Label, rule: CalendarDateRule = {}, validationOptions?: ValidationOptions) {
  const format =
    rule.time === 'only'
      ? `${label.zh}应为有效的日期时间，如 2026-03-01T09:00:00+08:00 / ${label.en} must be a valid ISO date-time`
      : rule.time === 'allowed'
        ? `${label.zh}应为有效日期（YYYY-MM-DD）或日期时间 / ${label.en} must be a valid date (YYYY-MM-DD) or ISO date-time`
        : `${label.zh}应为有效日期，格式 YYYY-MM-DD / ${label.en} must be a date written YYYY-MM-DD`;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => calendarDateProblem(value, rule) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const problem = calendarDateProblem(args?.value, rule);
          if (problem === 'early')
            return rule.plausible
              ? `${label.zh}不能早于${PLAUSIBLE_DATE_FROM}，请检查年份 / ${label.en} must not be before ${PLAUSIBLE_DATE_FROM}; check the year`
              : `${label.zh}不能早于1900年，请检查年份 / ${label.en} must not be before 1900; check the year`;
          if (problem === 'late') {
            const latest = latestPlausibleDate();
            return `${label.zh}不能晚于${latest}（今天起${PLAUSIBLE_YEARS_AHEAD}年内），请检查年份 / ${label.en} must be on or before ${latest} (within ${PLAUSIBLE_YEARS_AHEAD} years from today); check the year`;
          }
          return format;
        },
      },
    });
}

/** A month, YYYY-MM. */
export function IsYearMonth(validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isYearMonth',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isYearMonth(value) && value >= '1900-01',
        defaultMessage: () => '月份格式应为 YYYY-MM / The month must be written YYYY-MM',
      },
    });
}

export interface TextRule {
  /** The most characters (UTF-16 units, never fewer than PostgreSQL counts); stated in the message. */
  max: number;
  /** Blank refused (after trimming). */
  required?: boolean;
  /** A list of texts: each element is checked. */
  each?: boolean;
}
/** Why a text breaks the rule, in words for the user, or null. */
function textRuleMessage(label: Label, rule: TextRule, value: unknown): string | null {
  if (rule.required && (value === undefined || value === null)) return `请填写${label.zh} / ${label.en} is required`;
  if (typeof value !== 'string') return `${label.zh}应为文字 / ${label.en} must be text`;
  const problem = textProblem(value);
  if (problem) return textProblemMessage(label, problem);
  if (rule.required && value.trim() === '') return `请填写${label.zh} / ${label.en} is required`;
  if (value.length > rule.max)
    return `${label.zh}不能超过${rule.max}个字（现有${value.length}个字），请删减后再提交 / ${label.en} must be at most ${rule.max} characters (it has ${value.length})`;
  return null;
}

/**
 * The one text rule: a string without NUL, control characters (tab and line breaks allowed) or
 * lone surrogates, at most `max` characters (refused, never cut), not blank when required.
 */
export function IsText(label: Label, rule: TextRule, validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName,
      options: { ...validationOptions, each: rule.each ?? validationOptions?.each },
      validator: {
        validate: (value: unknown) => textRuleMessage(label, rule, value) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const value = args?.value;
          if (rule.each && Array.isArray(value)) {
            for (const v of value) {
              const m = textRuleMessage(label, rule, v);
              if (m) return m;
            }
          }
          return textRuleMessage(label, rule, value) ?? `${label.zh}应为文字 / ${label.en} must be text`;
        },
      },
    });
}

/** Required text of at most `max` characters, trimmed. */
export function RequiredText(label: Label, max: number) {
  return (target: object, propertyName: string) => {
    Trim()(target, propertyName);
    IsText(label, { max, required: true })(target, propertyName);
  };
}

/** Optional text of at most `max` characters; blank becomes null. */
export function OptionalText(label: Label, max: number) {
  return (target: object, propertyName: string) => {
    TrimToNull()(target, propertyName);
    ValidateIf((_, value) => value !== undefined && value !== null)(target, propertyName);
    IsText(label, { max })(target, propertyName);
  };
}

/** Optional text kept as written (blank stays ""), when absent untouched; null refused. */
export function TextIfPresent(label: Label, max: number) {
  return (target: object, propertyName: string) => {
    ValidateIf((_, value) => value !== undefined)(target, propertyName);
    IsText(label, { max })(target, propertyName);
  };
}

/** Present in an update, it may not be blank or null. */
export function TextIfGiven(label: Label, max: number) {
  return (target: object, propertyName: string) => {
    Trim()(target, propertyName);
    ValidateIf((_, value) => value !== undefined)(target, propertyName);
    IsText(label, { max, required: true })(target, propertyName);
  };
}

/** A whole number in [min, max]. */
function inIntRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * A whole number from `min` to `max` (default up to PostgreSQL's integer), the range stated in
 * the message. `each` checks every element of a list.
 */
export function IntRange(
  label: Label,
  min: number,
  max: number = PG_INT_MAX,
  validationOptions?: ValidationOptions,
) {
  const message =
    max === PG_INT_MAX
      ? min === 1
        ? `${label.zh}应为有效编号（正整数） / ${label.en} must be a valid id (a positive whole number)`
        : `${label.zh}应为不小于${min}的整数 / ${label.en} must be a whole number of at least ${min}`
      : `${label.zh}应为${min}至${max}之间的整数 / ${label.en} must be a whole number from ${min} to ${max}`;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'intRange',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => inIntRange(value, min, max),
        defaultMessage: () => message,
      },
    });
}

/** A row id of a serial column: 1 … 2147483647. */
export function IsId(label: Label, validationOptions?: ValidationOptions) {
  return IntRange(label, 1, PG_INT_MAX, validationOptions);
}

/** The version of a record the editor read (optimistic locking): a whole number from `min`. */
export function IsVersion(label: Label = { zh: '记录', en: 'the record' }, min = 0) {
  const message = `请附上所编辑${label.zh}的版本号 / Send the version of ${label.en} you edited`;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isVersion',
      target: target.constructor,
      propertyName,
      validator: { validate: (value: unknown) => inIntRange(value, min, PG_INT_MAX), defaultMessage: () => message },
    });
}
