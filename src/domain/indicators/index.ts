export * from './sets';
export * from './facts';
export * from './tally';
export * from './formulas';
export * from './periods';
export * from './feedback-facts';
export * from './compliance';
export * from './publicity';
