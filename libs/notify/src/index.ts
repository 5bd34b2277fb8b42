export * from './supervision-texts';
