// Worker entry: lets the worker load the TypeScript module the way the server itself does (tsx).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
