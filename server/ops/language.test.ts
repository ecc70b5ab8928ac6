import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessLanguage, inOtherLanguage } from './language';

const EVAL = join(import.meta.dirname, '../../demo/eval');
const english = ['dev.jsonl', 'dev-paraphrased.jsonl', 'queries.jsonl'].flatMap((f) =>
  readFileSync(join(EVAL, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text),
);

describe('guessLanguage', () => {
  it('never takes one of the 556 English eval questions for another language', () => {
    expect(english.length).toBe(556);
    expect(english.filter((t) => { const g = guessLanguage(t); return g !== null && g !== 'en'; })).toEqual([]);
  });

  it('recognises questions in other languages by their function words', () => {
    const cases: Array<[string, string]> = [
      ['¿Dónde está mi pedido?', 'es'],
      ['Quiero devolver unos zapatos que compré la semana pasada', 'es'],
      ['Wo ist meine Bestellung?', 'de'],
      ['Kann ich meine Bestellung stornieren?', 'de'],
      ['mon ordinateur portable est cassé', 'fr'],
      ['Est-ce que vous livrez en Belgique?', 'fr'],
      ['Il mio pacco non è arrivato', 'it'],
      ['Posso pagare con la carta di credito?', 'it'],
      ['Onde está a minha encomenda?', 'pt'],
      ['Como faço para devolver um produto?', 'pt'],
      ['Hoe kan ik mijn bestelling annuleren?', 'nl'],
    ];
    expect(cases.map(([t]) => guessLanguage(t))).toEqual(cases.map(([, lang]) => lang));
  });

  it('says nothing when the text gives too little to tell', () => {
    expect(guessLanguage('Waar is mijn bestelling?')).toBeNull();
    expect(guessLanguage('klarna')).toBeNull();
  });

  it('compares with the site language, English when the site sets none', () => {
    expect(inOtherLanguage('Wo ist meine Bestellung?', null)).toBe(true);
    expect(inOtherLanguage('¿Dónde está mi pedido?', 'es-ES')).toBe(false);
    expect(inOtherLanguage('where is my order', 'es')).toBe(true);
    expect(inOtherLanguage('where is my order', null)).toBe(false);
  });
});
