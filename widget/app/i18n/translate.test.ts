import { describe, expect, it } from 'vitest';
import { wireMessage } from '../protocol/fixtures';
import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { describeMessage, format } from './translate';

function leaves(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(o: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (v: object, p: string) =>
    Object.entries(v).forEach(([k, x]) => (typeof x === 'string' ? (out[`${p}${k}`] = (x.match(/\{\w+\}/g) ?? []).sort()) : walk(x as object, `${p}${k}.`)));
  walk(o, '');
  return out;
}

describe('translation tables', () => {
  it.each([['es', es], ['de', de], ['ar', ar]] as const)('%s translates every English string with the same placeholders', (_name, table) => {
    expect(leaves(table)).toEqual(leaves(en));
    expect(placeholders(table)).toEqual(placeholders(en));
    for (const key of leaves(table)) {
      const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], table);
      expect(value, key).not.toBe('');
    }
  });
});

describe('describeMessage', () => {
  it('translates smalltalk, escalation and system events, and keeps what people wrote', () => {
    expect(describeMessage(wireMessage({ text: 'Hello!', bot: { type: 'smalltalk', reply: 'thanks' } }), es)).toBe('¡De nada!');
    expect(describeMessage(wireMessage({ text: 'Hi there', bot: { type: 'smalltalk', reply: 'unknown_key' } }), es)).toBe('Hi there');
    expect(describeMessage(wireMessage({ bot: { type: 'escalate', reason: 'low_confidence', mode: 'offer' } }), en)).toBe(
      'I am not sure I have the right answer for that. Would you like to talk to a person?',
    );
    expect(describeMessage(wireMessage({ author: 'system', system: { event: 'agent_joined', name: 'Ana' } }), de)).toBe('Ana ist dem Chat beigetreten.');
    expect(describeMessage(wireMessage({ author: 'agent', text: 'Let me check' }), ar)).toBe('Let me check');
    expect(describeMessage(wireMessage({ text: 'These articles might help:', bot: { type: 'suggest', suggestions: [], confidence: 0.4 } }), de)).toBe('Diese Artikel könnten helfen:');
  });

  it('format leaves unknown placeholders visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
