export * from './clock';
export * from './vocabulary';
export * from './shanghai-time';
export * from './supervision/periods';
export * from './supervision/rules';
export * from './supervision/clauses';
export * from './supervision/catch-up';
export * from './supervision/horizon';
