import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 `.cpuprofile` (from `npm run bench -- --cpu-prof DIR`): self time by function
 * and by package, so the report can say where the server's CPU went.
 * `FROM-TO` (seconds since the profile started) keeps only the samples of that window: the connect phase and the
 * traffic phase of one run are told apart by the timeline the report prints first (busy share per 5 s).
 * Usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [top] [FROM-TO]
 */
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, topArg, windowArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary FILE.cpuprofile [top] [FROM-TO]');
  process.exit(64);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const [from, to] = windowArg ? windowArg.split('-').map((v) => Number(v) * 1e6) : [0, Infinity];
const self = new Map<number, number>();
const busyPer5s: number[] = [];
let at = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  at += us;
  const slot = Math.floor(at / 5e6);
  if (byId.get(id)!.callFrame.functionName !== '(idle)') busyPer5s[slot] = (busyPer5s[slot] ?? 0) + us;
  if (at >= from! && at < to!) self.set(id, (self.get(id) ?? 0) + us);
});
console.log(`busy share per 5 s: ${Array.from(busyPer5s, (us, i) => `${i * 5}s ${(((us ?? 0) / 5e6) * 100).toFixed(0)}%`).join(', ')}`);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const packageOf = (url: string): string => {
  if (!url) return '(native/vm)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/work\/[^/]+\/(\w+)\//.exec(url);
  return ours ? `ours: ${ours[1]}` : url;
};
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  add(functions, `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules\/)?/, '')}:${lineNumber + 1}`, us);
  add(packages, functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(gc)' : packageOf(url), us);
}
const show = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
show('by package', packages, 15);
show('by function (self time)', functions, Number(topArg ?? 25));
