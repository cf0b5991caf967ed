export * from './lib/money/decimal';
export * from './lib/money/money.pipe';
export * from './lib/page/load-state';
export * from './lib/page/page-header';
export * from './lib/date/date-input';
export * from './lib/text/ui-text';
export * from './lib/unsaved/unsaved-changes';
