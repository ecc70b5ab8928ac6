import { spawn, type ChildProcess } from 'node:child_process';

/**
 * `npm run dev`: rebuilds the widget, loader and console on every change and restarts the
 * server on server changes. One terminal, every child stopped with Ctrl+C.
 */
const tasks: Array<[string, string[]]> = [
  ['widget', ['vite', 'build', '--watch', '-c', 'vite.widget.config.ts', '--logLevel', 'warn']],
  ['loader', ['vite', 'build', '--watch', '-c', 'vite.loader.config.ts', '--logLevel', 'warn']],
  ['console', ['vite', 'build', '--watch', '-c', 'vite.config.ts', '--logLevel', 'warn']],
  ['server', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts']],
];

const children: ChildProcess[] = tasks.map(([name, args]) => {
  const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`[${name}] exited with ${code}`);
  });
  return child;
});

const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
