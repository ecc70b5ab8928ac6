import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './args';

describe('bench flags', () => {
  it('defaults to the issue-sized run on both stores with the floor', () => {
    expect(parseOptions([])).toMatchObject({ sockets: 10_000, rate: 1_000, seconds: 10, store: 'both', echo: true, 'two-nodes': true });
    expect(parseOptions(['--no-two-nodes'])).toMatchObject({ 'two-nodes': false });
  });

  it('reads sizes and store, and --no-echo drops the floor', () => {
    expect(parseOptions(['--sockets', '500', '--rate', '50', '--seconds', '2', '--store', 'pglite', '--no-echo'])).toMatchObject({ sockets: 500, rate: 50, seconds: 2, store: 'pglite', echo: false });
  });

  it('refuses a bad value or an unknown flag with a message naming it', () => {
    expect(() => parseOptions(['--rate', 'fast'])).toThrow(/--rate/);
    expect(() => parseOptions(['--store', 'mysql'])).toThrow(UsageError);
    expect(() => parseOptions(['--sokets', '5'])).toThrow(/sokets/);
  });
});
