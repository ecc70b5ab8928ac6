export * from './state';
export * from './reducer';
export * from './store';
export * from './connection';
export * from './useConsole';
