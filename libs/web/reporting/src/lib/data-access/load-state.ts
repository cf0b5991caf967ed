/** What a page knows about data it asked the API for. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/** Instants are shown in the plan's time zone (Asia/Shanghai), whatever the browser's. */
export const SHANGHAI = '+0800';
