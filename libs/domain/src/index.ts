export * from './lib/chain';
export * from './lib/credit-code';
export * from './lib/enterprise';
export * from './lib/money';
export * from './lib/reference.contract';
export * from './lib/reference-seed';
export * from './lib/stage';
export * from './lib/unit';
