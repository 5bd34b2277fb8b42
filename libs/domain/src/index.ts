export * from './clock';
export * from './vocabulary';
export * from './shanghai-time';
