export * from './sets';
export * from './facts';
export * from './tally';
export * from './formulas';
export * from './periods';
