import { HttpErrorResponse } from '@angular/common/http';
import { InjectionToken } from '@angular/core';

/** The texts the shared pieces show on their own; the app's i18n files hold them under these keys. */
export const UI_TEXT_ZH = {
  'loadState.loadError': '未能加载',
  'loadState.forbiddenTitle': '无权查看',
  'loadState.forbiddenHint':
    '您的角色或负责的产业链不能查看此内容。如需查看，请联系领导小组办公室。',
  'loadState.notFoundTitle': '找不到该内容',
  'loadState.notFoundHint': '它可能已被删除，或链接有误。',
  'loadState.back': '返回首页',
  'loadState.empty': '暂无数据',
  'loadState.loading': '正在加载',
  'common.retry': '重新加载',
  'unsaved.confirm': '有尚未保存的修改，离开后将丢失。确定离开吗？',
} as const;

export type UiTextKey = keyof typeof UI_TEXT_ZH;

/**
 * How the shared pieces (libs/web/ui) get their words: the app provides the interface language
 * (`provideUiText` in the shell, backed by the i18n service); without it they speak Chinese.
 * `describe` turns a failed call into a sentence for the user.
 */
export interface UiText {
  t(key: UiTextKey): string;
  describe(error: unknown): string;
}

export const UI_TEXT = new InjectionToken<UiText>('crm.ui-text', {
  providedIn: 'root',
  factory: () => ({
    t: (key) => UI_TEXT_ZH[key],
    describe: (error) => {
      const message = error instanceof HttpErrorResponse ? (error.error as { message?: unknown } | null)?.message : null;
      return typeof message === 'string' ? message.split(' / ')[0] : '';
    },
  }),
});

/** The HTTP status of a failed call; 0 when it never reached the server or was not a call. */
export function statusOf(error: unknown): number {
  return error instanceof HttpErrorResponse ? error.status : 0;
}
