import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServerToVisitor } from '../../../shared/protocol/visitor/index';
import { parseServerFrame } from './frames';
import { sampleFrames } from './fixtures';
import { schemaFile, serverToVisitorSchema } from './generate';

describe('server-to-visitor.schema.json', () => {
  it('is what ServerToVisitor generates today (run `npx tsx widget/app/protocol/generate.ts` if not)', () => {
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(serverToVisitorSchema());
  });
});

/** Breaks a frame in the ways a buggy or hostile server could. */
function mutations(frame: object): unknown[] {
  const out: unknown[] = [];
  const walk = (value: unknown, rebuild: (v: unknown) => unknown) => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const replace = (v: unknown) => rebuild(Array.isArray(value) ? value.map((c, i) => (String(i) === key ? v : c)) : { ...value, [key]: v });
      out.push(replace(undefined), replace(12.5), replace('x'), replace(null), replace({}));
      walk(child, replace);
    }
  };
  walk(frame, (v) => v);
  return out;
}

describe('parseServerFrame', () => {
  it('accepts every valid frame zod accepts', () => {
    for (const frame of sampleFrames) {
      const parsed = parseServerFrame(JSON.stringify(frame));
      expect(parsed, JSON.stringify(frame)).toEqual({ ok: true, frame });
    }
  });

  it('agrees with zod on hundreds of broken frames', () => {
    let checked = 0;
    for (const frame of sampleFrames) {
      for (const broken of mutations(frame)) {
        const raw = JSON.stringify(broken);
        if (raw === undefined) continue;
        expect(parseServerFrame(raw).ok, raw).toBe(ServerToVisitor.safeParse(JSON.parse(raw)).success);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('rejects text that is not a JSON object frame', () => {
    expect(parseServerFrame('not json').ok).toBe(false);
    expect(parseServerFrame('[]').ok).toBe(false);
    expect(parseServerFrame(JSON.stringify({ type: 'nope' })).ok).toBe(false);
  });
});
