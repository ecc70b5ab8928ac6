import { describe, expect, it } from 'vitest';
import { fillPlaceholders, matchCanned, shortcutQuery } from './canned';

const values = { 'visitor.name': 'Ana', 'visitor.email': 'ana@example.com', 'agent.name': 'Sam' };

describe('fillPlaceholders', () => {
  it('fills every known placeholder', () => {
    expect(fillPlaceholders('Hi {visitor.name}, I am {agent.name}. We will write to {visitor.email}.', values)).toBe(
      'Hi Ana, I am Sam. We will write to ana@example.com.',
    );
  });

  it('drops a placeholder without a value together with the space before it', () => {
    expect(fillPlaceholders('Hi {visitor.name}, welcome!', { ...values, 'visitor.name': null })).toBe('Hi, welcome!');
  });

  it('leaves unknown braces alone', () => {
    expect(fillPlaceholders('Use {code} here', values)).toBe('Use {code} here');
  });
});

describe('shortcutQuery', () => {
  it('finds a shortcut being typed at the start or after a space', () => {
    expect(shortcutQuery('/ref')).toEqual({ query: 'ref', start: 0 });
    expect(shortcutQuery('Sure! /th')).toEqual({ query: 'th', start: 6 });
    expect(shortcutQuery('/')).toEqual({ query: '', start: 0 });
  });

  it('ignores slashes inside words and URLs', () => {
    expect(shortcutQuery('see https://x.test/help')).toBeNull();
    expect(shortcutQuery('and/or')).toBeNull();
    expect(shortcutQuery('/refund done')).toBeNull();
  });
});

describe('matchCanned', () => {
  const items = [
    { id: '1', shortcut: 'thanks', text: 'Thank you!' },
    { id: '2', shortcut: 'refund', text: 'Refunds take 5 days.' },
    { id: '3', shortcut: 'bye-thanks', text: 'Bye' },
  ];
  it('puts prefix matches before other matches', () => {
    expect(matchCanned(items, 'th').map((c) => c.shortcut)).toEqual(['thanks', 'bye-thanks']);
  });
  it('lists everything for an empty query', () => {
    expect(matchCanned(items, '')).toHaveLength(3);
  });
});
