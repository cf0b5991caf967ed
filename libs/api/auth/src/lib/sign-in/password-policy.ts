import { PASSWORD_MIN_LENGTH } from '@crm/domain';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * The password policy: at least PASSWORD_MIN_LENGTH (12) characters, and a strength estimate of
 * at least 3 of 4 by @zxcvbn-ts/core (its common-password and diceware dictionaries and keyboard
 * graphs from @zxcvbn-ts/language-common), with the words users here pick added to its dictionary
 * (pinyin and Chinese favourites: woaini, 5201314, zhaoshang …) and the username as a user input.
 */
const LOCAL_WORDS = [
  'woaini', 'woaini1314', 'aini', '5201314', '1314520', 'wangyi', 'zhang', 'wang', 'liu', 'chen', 'china', 'beijing',
  'shanghai', 'huawei', 'zhaoshang', 'mima', 'yonghu', 'guanli', 'guanliyuan', 'golmud', 'geermu', 'qinghai', 'crm',
  'admin', 'administrator', 'changeme', 'default',
];
const MIN_SCORE = 3;
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary, local: LOCAL_WORDS },
  graphs: zxcvbnCommon.adjacencyGraphs,
  useLevenshteinDistance: true,
});

export const PASSWORD_TOO_SHORT = `密码至少${PASSWORD_MIN_LENGTH}位 / The password needs at least ${PASSWORD_MIN_LENGTH} characters`;
export const PASSWORD_TOO_WEAK =
  '密码过于简单（常见密码、连续字符或包含用户名），请换一个更难猜的 / The password is too easy to guess (a common password, a run of characters, or the username); choose another';

/** Why a password is refused, or null when it passes. */
export function passwordProblem(password: string, username?: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_TOO_SHORT;
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return PASSWORD_TOO_WEAK;
  const { score } = zxcvbn.check(password, username ? [username] : []);
  return score < MIN_SCORE ? PASSWORD_TOO_WEAK : null;
}

/** class-validator: the password policy on a DTO field; the username is read from `usernameField` when given. */
export function IsAcceptablePassword(usernameField?: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (typeof value !== 'string') return false;
          if (value.length < PASSWORD_MIN_LENGTH) return true; // MinLength says so
          const username = usernameField ? (args.object as Record<string, unknown>)[usernameField] : null;
          return passwordProblem(value, typeof username === 'string' ? username : null) === null;
        },
        defaultMessage(args: ValidationArguments) {
          const username = usernameField ? (args.object as Record<string, unknown>)[usernameField] : null;
          return (
            (typeof args.value === 'string' && passwordProblem(args.value, typeof username === 'string' ? username : null)) ||
            PASSWORD_TOO_SHORT
          );
        },
      },
    });
}
