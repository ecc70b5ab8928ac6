import { describe, expect, it } from 'vitest';
import { makeKbTranslate } from '../i18n/index';
import { EMPTY_FIELDS, inputOf, placeholderLine, serverErrors, validate } from './form';

const t = makeKbTranslate('en');

describe('the article form', () => {
  it('turns typed fields into the API body: lists trimmed and de-duplicated, empty optionals dropped', () => {
    expect(inputOf({ ...EMPTY_FIELDS, id: ' wrap ', title: ' Gift wrap ', questions: 'Gift wrap?\n\n gift WRAP? \nwrapping', tags: 'gifts, ,Gifts', body: ' Yes. ' })).toEqual({
      id: 'wrap',
      title: 'Gift wrap',
      questions: ['Gift wrap?', 'wrapping'],
      tags: ['gifts'],
      url: null,
      body: 'Yes.',
    });
  });

  it('puts a translated message on every bad field, the placeholder guard included', () => {
    const input = inputOf({ ...EMPTY_FIELDS, id: 'bad id', title: '', url: 'ftp://x', locale: 'English', body: 'TODO: write the answer. Visitors asked' });
    expect(validate(input, t)).toEqual({
      id: 'Use 1–100 letters, digits, - or _, starting with a letter or digit.',
      title: 'Required.',
      url: 'Must start with http:// or https://.',
      locale: 'Must look like “en” or “en-GB”.',
      body: 'Replace the placeholder “TODO: write the answer. Visitors asked” with the answer before saving.',
    });
    expect(validate(inputOf({ ...EMPTY_FIELDS, id: 'ok', title: 'Ok', body: 'Real answer.' }), t)).toEqual({});
    expect(validate(inputOf({ ...EMPTY_FIELDS, id: 'ok', title: 'Ok', body: 'Real answer.' }), makeKbTranslate('es'))).toEqual({});
    expect(validate(inputOf({ ...EMPTY_FIELDS, title: 'Ok' }), makeKbTranslate('es')).id).toBe('Obligatorio.');
  });

  it('recognises the placeholder lines the server refuses, not prose', () => {
    expect(placeholderLine('Intro\n- TBD')).toBe('- TBD');
    expect(placeholderLine('Use the TODO list app.')).toBeNull();
  });

  it('maps server field errors onto fields', () => {
    expect(serverErrors({ title: 'Too small', gap: 'bad' })).toEqual({ title: 'Too small', body: 'bad' });
  });
});
