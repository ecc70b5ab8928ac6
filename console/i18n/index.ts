export type { MessageKey } from './en';
export * from './translate';
