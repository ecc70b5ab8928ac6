import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BotError } from './errors';
import { DEFAULT_THRESHOLDS, ModelInternals, SiteKnobs, resolveThresholds } from './config';

interface Leaf {
  path: string;
  doc: string | undefined;
  schema: z.ZodType;
}

/** Every setting under `schema` with its dotted path and the doc it was declared with. */
function leaves(schema: z.ZodType, path = '', doc?: string): Leaf[] {
  const here = schema.description ?? doc;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return leaves(schema.def.innerType as z.ZodType, path, here);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, s]) => leaves(s, path ? `${path}.${k}` : k));
  }
  return [{ path, doc: here, schema }];
}

const docs = readFileSync(resolve(import.meta.dirname, '../../docs/BOT.md'), 'utf8');
const site = leaves(SiteKnobs);
const internals = leaves(ModelInternals);

describe('bot settings, declared once', () => {
  it('gives every setting a doc, a default and, when it is a number, finite bounds', () => {
    for (const leaf of [...site, ...internals]) {
      expect(leaf.doc, leaf.path).toMatch(/\w{3}/);
      const value = leaf.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], DEFAULT_THRESHOLDS);
      expect(value, leaf.path).not.toBeUndefined();
      if (leaf.schema instanceof z.ZodNumber) {
        expect(Number.isFinite(leaf.schema.maxValue), `${leaf.path} max`).toBe(true);
        expect(Number.isFinite(leaf.schema.minValue), `${leaf.path} min`).toBe(true);
      }
    }
  });

  it('keeps the site owner to a handful of knobs, and the two groups apart', () => {
    expect(site.map((l) => l.path)).toEqual(['targetPrecision', 'maxSuggestions', 'unhelpfulRoundsToEscalate', 'alwaysHuman', 'maxMessageChars', 'encoder']);
    const shared = site.filter((l) => internals.some((i) => i.path === l.path));
    expect(shared).toEqual([]);
  });

  it('has every site knob and every group of internals in docs/BOT.md', () => {
    for (const l of site) expect(docs, l.path).toContain(`| \`${l.path}\` |`);
    const groups = new Set(internals.map((l) => l.path.split('.').slice(0, 2).join('.')));
    for (const g of groups) expect(docs, g).toContain(`\`${g.split('.')[0]}`);
  });

  it('fills in defaults, validates bounds and rejects unknown settings with a clear error', () => {
    const t = resolveThresholds({ targetPrecision: 0.95, ranker: { linearC: 1 }, calibration: { bias: -2 } });
    expect(t.targetPrecision).toBe(0.95);
    expect(t.ranker.linearC).toBe(1);
    expect(t.ranker.boost).toEqual(DEFAULT_THRESHOLDS.ranker.boost);
    expect(t.calibration).toEqual({ ...DEFAULT_THRESHOLDS.calibration, bias: -2 });
    expect(() => resolveThresholds({ targetPrecision: 0.2 })).toThrow(/targetPrecision/);
    expect(() => resolveThresholds({ answerThreshold: 0.5 })).toThrow(BotError);
    expect(() => resolveThresholds({ answer: 0.05, suggest: 0.1 })).toThrow(/suggest must not exceed answer/);
    expect(resolveThresholds(undefined)).toEqual(DEFAULT_THRESHOLDS);
  });
});
