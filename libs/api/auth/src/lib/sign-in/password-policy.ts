import { PASSWORD_MIN_LENGTH } from '@crm/domain';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * The password policy: at least PASSWORD_MIN_LENGTH (12) characters, and not an easily guessed one.
 *
 * A strength estimate from @zxcvbn-ts/core would be better; the package is not installed here, so the
 * estimate is this module's own: the most common passwords (worldwide and in China) refused whatever
 * digits or symbols are added around them, keyboard runs and counting sequences, too few different
 * characters, and a password that contains the username.
 */
const COMMON_WORDS = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'pass', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbn',
  'zxcvbnm', 'qazwsx', '1qaz2wsx', '1q2w3e4r', '1q2w3e', 'qwe', 'asd', 'abc', 'abcd', 'abcdef', 'abcdefg', 'admin',
  'administrator', 'root', 'user', 'test', 'guest', 'welcome', 'letmein', 'iloveyou', 'monkey', 'dragon', 'master',
  'sunshine', 'princess', 'football', 'baseball', 'superman', 'batman', 'trustno1', 'shadow', 'michael', 'login',
  'changeme', 'secret', 'default', 'woaini', 'woaini1314', 'aini', 'wangyi', 'zhang', 'wang', 'li', 'liu', 'chen',
  'china', 'beijing', 'shanghai', 'huawei', 'qq', 'aa', 'a', 'x', 'crm', 'zhaoshang', 'mima', 'yonghu', 'guanli',
  'guanliyuan',
];
const COMMON = new Set(COMMON_WORDS);
const RUNS = [
  '01234567890123456789',
  '98765432109876543210',
  'abcdefghijklmnopqrstuvwxyz',
  'zyxwvutsrqponmlkjihgfedcba',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm',
  '5201314',
];

export const PASSWORD_TOO_SHORT = `密码至少${PASSWORD_MIN_LENGTH}位 / The password needs at least ${PASSWORD_MIN_LENGTH} characters`;
export const PASSWORD_TOO_WEAK =
  '密码过于简单（常见密码、连续字符或包含用户名），请换一个更难猜的 / The password is too easy to guess (a common password, a run of characters, or the username); choose another';

/** Why a password is refused, or null when it passes. */
export function passwordProblem(password: string, username?: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_TOO_SHORT;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return PASSWORD_TOO_WEAK;
  // The word left when digits, symbols and spaces are taken away: password1234, Admin@2024!, woaini1314520 …
  const letters = lower.replace(/[^a-z]/g, '');
  if (COMMON.has(letters) || COMMON.has(lower)) return PASSWORD_TOO_WEAK;
  if (isMostlyRuns(lower.replace(/[^0-9a-z]/g, ''))) return PASSWORD_TOO_WEAK;
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return PASSWORD_TOO_WEAK;
  return null;
}

/** True when the characters are (nearly all) pieces of keyboard or counting runs, or one piece repeated. */
function isMostlyRuns(text: string): boolean {
  if (!text) return true;
  let covered = 0;
  let i = 0;
  while (i < text.length) {
    let best = 1;
    for (const run of RUNS) {
      for (let len = text.length - i; len > best; len--) {
        if (run.includes(text.slice(i, i + len))) {
          best = len;
          break;
        }
      }
    }
    // A repeated piece: abcabcabc, 12121212.
    for (let len = 1; len <= 4 && i + len < text.length; len++) {
      let rep = len;
      while (i + rep < text.length && text[i + rep] === text[i + (rep % len)]) rep++;
      if (rep >= 2 * len && rep > best) best = rep;
    }
    if (best >= 3) covered += best;
    i += best;
  }
  return covered >= text.length - 2;
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
