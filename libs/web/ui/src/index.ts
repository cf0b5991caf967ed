export * from './lib/money/decimal';
export * from './lib/money/money.pipe';
