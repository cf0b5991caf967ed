import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { I18nService } from '../i18n/i18n.service';
import { apiErrorText, apiFieldErrors, pickLanguage } from './api-error';

describe('pickLanguage', () => {
  it('keeps the half of "中文 / English" for the interface language', () => {
    const message = '用户名或密码不正确 / Wrong username or password';
    expect(pickLanguage(message, 'zh-CN')).toBe('用户名或密码不正确');
    expect(pickLanguage(message, 'en')).toBe('Wrong username or password');
  });

  it('splits a bilingual note in brackets too', () => {
    const message =
      '用户名或密码不正确 / Wrong username or password（还可尝试 3 次 / 3 attempts left）';
    expect(pickLanguage(message, 'zh-CN')).toBe(
      '用户名或密码不正确（还可尝试 3 次）',
    );
    expect(pickLanguage(message, 'en')).toBe(
      'Wrong username or password (3 attempts left)',
    );
  });

  it('writes the lock time of the English half in local time', () => {
    const message =
      '账号因多次密码错误已锁定，请于 2025/3/1 10:15 后再试 / The account is locked after repeated failures until 2025-03-01T02:15:00.000Z';
    expect(pickLanguage(message, 'zh-CN')).toBe(
      '账号因多次密码错误已锁定，请于 2025/3/1 10:15 后再试',
    );
    const en = pickLanguage(message, 'en');
    expect(en).toMatch(/^The account is locked after repeated failures until /);
    expect(en).not.toContain('T02:15');
    expect(en).toContain('2025');
  });

  it('keeps a message in one language whole', () => {
    expect(pickLanguage('Internal server error', 'zh-CN')).toBe(
      'Internal server error',
    );
  });
});

describe('apiErrorText and apiFieldErrors', () => {
  const error = (status: number, body: unknown) =>
    new HttpErrorResponse({ status, error: body, url: '/api/x' });

  beforeEach(() => localStorage.clear());

  it('uses the API’s message, else says what kind of failure it was', async () => {
    const i18n = TestBed.inject(I18nService);
    expect(
      apiErrorText(
        error(429, {
          message:
            '登录尝试过于频繁，请稍后再试 / Too many sign-in attempts; try again shortly',
        }),
        i18n,
      ),
    ).toBe('登录尝试过于频繁，请稍后再试');
    expect(apiErrorText(error(0, null), i18n)).toBe(
      '无法连接服务器，请检查网络后重试。',
    );
    expect(apiErrorText(error(502, 'Bad Gateway'), i18n)).toBe(
      '服务器暂时无法处理，请稍后重试；如多次失败，请联系系统管理员。',
    );
    await i18n.use('en');
    expect(apiErrorText(error(429, null), i18n)).toBe(
      'Too many attempts. Please wait a moment and try again.',
    );
  });

  it('reads the field tree of a 400', () => {
    const body = {
      message: '提交的内容有误 / The input is invalid',
      errors: {
        newPassword: [
          '新密码至少10位 / The new password needs at least 10 characters',
        ],
      },
    };
    expect(apiFieldErrors(error(400, body), 'zh-CN')).toEqual({
      newPassword: '新密码至少10位',
    });
    expect(apiFieldErrors(error(400, body), 'en')).toEqual({
      newPassword: 'The new password needs at least 10 characters',
    });
    expect(apiFieldErrors(error(500, null), 'en')).toEqual({});
  });
});
