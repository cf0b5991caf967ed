import { isCalendarDate, isYearMonth, WAN_INPUT_MESSAGES, wanInputProblem } from '@crm/domain';
import { Transform } from 'class-transformer';
import {
  IsNotEmpty,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

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

/** A calendar date, YYYY-MM-DD. */
export function IsCalendarDate(label: { zh: string; en: string }, validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () =>
          `${label.zh}应为有效日期，格式 YYYY-MM-DD / ${label.en} must be a date written YYYY-MM-DD`,
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
        validate: (value: unknown) => typeof value === 'string' && isYearMonth(value),
        defaultMessage: () => '月份格式应为 YYYY-MM / The month must be written YYYY-MM',
      },
    });
}

/** Required text of at most `max` characters, trimmed. */
export function RequiredText(label: { zh: string; en: string }, max: number) {
  return (target: object, propertyName: string) => {
    Trim()(target, propertyName);
    IsString({ message: `${label.zh}应为文字 / ${label.en} must be text` })(target, propertyName);
    IsNotEmpty({ message: `请填写${label.zh} / ${label.en} is required` })(target, propertyName);
    MaxLength(max, { message: `${label.zh}不能超过${max}个字 / ${label.en} must be at most ${max} characters` })(
      target,
      propertyName,
    );
  };
}

/** Optional text of at most `max` characters; blank becomes null. */
export function OptionalText(label: { zh: string; en: string }, max: number) {
  return (target: object, propertyName: string) => {
    TrimToNull()(target, propertyName);
    ValidateIf((_, value) => value !== undefined && value !== null)(target, propertyName);
    IsString({ message: `${label.zh}应为文字 / ${label.en} must be text` })(target, propertyName);
    MaxLength(max, { message: `${label.zh}不能超过${max}个字 / ${label.en} must be at most ${max} characters` })(
      target,
      propertyName,
    );
  };
}

/** Present in an update, it may not be blank or null. */
export function TextIfGiven(label: { zh: string; en: string }, max: number) {
  return (target: object, propertyName: string) => {
    Trim()(target, propertyName);
    ValidateIf((_, value) => value !== undefined)(target, propertyName);
    IsString({ message: `${label.zh}应为文字 / ${label.en} must be text` })(target, propertyName);
    IsNotEmpty({ message: `${label.zh}不能为空 / ${label.en} must not be blank` })(target, propertyName);
    MaxLength(max, { message: `${label.zh}不能超过${max}个字 / ${label.en} must be at most ${max} characters` })(
      target,
      propertyName,
    );
  };
}
