export * from './version';
export * from './common';
export * from './ping';
export * from './visitor/index';
export * from './agent/index';
