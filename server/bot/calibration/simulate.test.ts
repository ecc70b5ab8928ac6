import { describe, expect, it } from 'vitest';
import type { Article } from '../article';
import { DEFAULT_THRESHOLDS } from '../config';
import type { Fold } from './held-out';
import { askFolds } from './simulate';

const article = (id: string, title: string, questions: string[], body: string): Article => ({ id, title, questions, tags: [], url: null, locale: null, body });

/** Two twins that share every word but the one that tells them apart, and an unrelated article. */
const lightsOn = article('lights-on', 'Turn the lights on', ['switch the lamp on', 'make it bright in here'], 'The assistant switches the lamps on.');
const lightsOff = article('lights-off', 'Turn the lights off', ['switch the lamp off', 'make it dark in here'], 'The assistant switches the lamps off.');
const invoice = article('invoice', 'Download an invoice', ['where is my invoice', 'get a copy of my bill'], 'Invoices are under Billing in your account.');

describe('askFolds', () => {
  it("asks each fold's KB its held-out questions: an article held out sends its questions to its twin, which the sample records as not right", () => {
    const folds: Fold[] = [
      {
        articles: [lightsOn, invoice],
        questions: [
          { text: 'switch the lamp off', expected: null, origin: 'lights-off' },
          { text: 'where can i find my invoice', expected: 'invoice', origin: 'invoice' },
        ],
      },
    ];
    const [oos, inScope] = askFolds(folds, null, DEFAULT_THRESHOLDS, DEFAULT_THRESHOLDS, null);
    expect(oos?.outOfScope).toBe(true);
    expect(oos?.top).toBe('lights-on');
    expect(oos?.right).toBe(false);
    expect(inScope?.outOfScope).toBe(false);
    expect(inScope?.top).toBe('invoice');
    expect(inScope?.right).toBe(true);
    expect(inScope?.suggested).toBe(true);
    // The policy's inputs are kept for the fit: a ranking and the best article's support.
    expect(inScope?.ranked.length).toBeGreaterThan(0);
    expect(inScope?.support?.evidence).toBeGreaterThan(0);
  });

  it('records a wrong best article in scope as neither right nor out of scope, and whether the expected one is among the suggestions', () => {
    const folds: Fold[] = [{ articles: [lightsOn, lightsOff, invoice], questions: [{ text: 'make it bright please', expected: 'lights-off', origin: 'lights-off' }] }];
    const [s] = askFolds(folds, null, DEFAULT_THRESHOLDS, DEFAULT_THRESHOLDS, null);
    expect(s?.top).toBe('lights-on');
    expect(s?.right).toBe(false);
    expect(s?.outOfScope).toBe(false);
    expect(s?.expected).toBe('lights-off');
    // The runner-up is always among the suggestions.
    expect(s?.suggested).toBe(true);
  });
});
