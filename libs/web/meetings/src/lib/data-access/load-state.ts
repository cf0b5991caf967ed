/** What a page knows about data it asked the API for: the one type of web-ui, which shows it. */
export type { LoadState } from '@crm/web/ui';
