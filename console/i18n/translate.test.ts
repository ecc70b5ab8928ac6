import { describe, expect, it } from 'vitest';
import { detectLocale, makeTranslate } from './translate';

describe('translate', () => {
  it('fills parameters and speaks Spanish when asked', () => {
    expect(makeTranslate('en')('app.titleQueueCount', { count: 2 })).toBe('(2) Queue — Console');
    expect(makeTranslate('es')('reason.asked_for_human')).toBe('Pidió hablar con una persona');
  });

  it('picks the first preferred language it knows', () => {
    expect(detectLocale(['fr-FR', 'es-MX', 'en'])).toBe('es');
    expect(detectLocale(['de'])).toBe('en');
  });
});
