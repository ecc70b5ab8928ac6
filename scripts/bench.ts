import { execFileSync } from 'node:child_process';
import { parseOptions, USAGE, UsageError, type BenchOptions } from './bench/args';
import { machine, table, verdicts } from './bench/report';
import { runTarget, type TargetName, type TargetResult } from './bench/run';

/**
 * `npm run bench`: the production server under socket and message load, next to a bare `ws`
 * floor, on PGlite and PostgreSQL. Prints a table, then one JSON line (always the last line).
 * See docs/BENCHMARK.md for what each figure means.
 */
async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    process.exit(64);
  }
  const log = (line: string) => console.error(`[bench] ${line}`);
  const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
  // Server and load generator each hold one descriptor per socket, plus files, pipes and the database.
  if (fdLimit < options.sockets + 500) log(`warning: ulimit -n is ${fdLimit}; ${options.sockets} sockets need about ${options.sockets + 500} per process`);

  const targets: TargetName[] = [
    ...(options.echo ? (['echo'] as const) : []),
    ...(options.store === 'both' ? (['pglite', 'postgres'] as const) : [options.store]),
    ...(options['two-nodes'] && options.store !== 'pglite' ? (['two-nodes'] as const) : []),
  ];
  const results: TargetResult[] = [];
  const started = new Date();
  for (const target of targets) {
    try {
      results.push(await runTarget(target, options, log));
    } catch (e) {
      log(`${target} failed: ${e instanceof Error ? e.message : String(e)}`);
      results.push({ target, skipped: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
  }
  const checks = verdicts(results, options);
  console.log(table(results));
  console.log('');
  for (const v of checks) console.log(`${v.met === null ? 'SKIP' : v.met ? 'MET ' : 'MISS'}  ${v.target}: ${v.measured}`);
  console.log(JSON.stringify({ bench: 'chat-load', date: started.toISOString(), seconds: Math.round((Date.now() - started.getTime()) / 1000), machine: { ...machine(), fdLimit }, options, results, verdicts: checks }));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
