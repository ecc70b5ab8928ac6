import { describe, expect, it } from 'vitest';
import { parseArticleInput } from './article';
import { DRAFT_PLACEHOLDER, placeholderIn } from './placeholder';

describe('placeholderIn', () => {
  it('finds the gap draft placeholder and to-do marker lines', () => {
    expect(placeholderIn(`${DRAFT_PLACEHOLDER} Visitors asked this 3 times.`)).toBe(`${DRAFT_PLACEHOLDER} Visitors asked this 3 times.`);
    expect(placeholderIn('Intro.\n\nTODO: prices')).toBe('TODO: prices');
    expect(placeholderIn('- TBD')).toBe('- TBD');
    expect(placeholderIn('## FIXME: link')).toBe('## FIXME: link');
    expect(placeholderIn('Some text, then todo: write the answer here')).toBe('Some text, then todo: write the answer here');
  });

  it('leaves real answers alone, including the word "todo" in prose', () => {
    expect(placeholderIn('Orders ship in 2 days.')).toBeNull();
    expect(placeholderIn('Use the TODO list app to track returns.')).toBeNull();
    expect(placeholderIn('TODOS are not markers')).toBeNull();
    expect(placeholderIn('')).toBeNull();
  });
});

describe('parseArticleInput', () => {
  it('refuses a placeholder body with a field error, and names every bad field', () => {
    expect(parseArticleInput({ id: 'a', title: 'A', body: DRAFT_PLACEHOLDER })).toEqual({
      ok: false,
      error: `body: still has the draft placeholder "${DRAFT_PLACEHOLDER}": write the answer before publishing`,
      fields: { body: `still has the draft placeholder "${DRAFT_PLACEHOLDER}": write the answer before publishing` },
    });
    const bad = parseArticleInput({ id: 'a', title: '', questions: ['x'.repeat(501)] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.fields).sort()).toEqual(['questions', 'title']);
  });
});
