import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSimpleFrontMatter } from './front-matter';

describe('front matter fast path', () => {
  it.each([
    'title: Shipping times\nquestions:\n  - How long does delivery take?\n  - When will it arrive?\ntags: [shipping, orders]',
    'id: gift-cards\ntitle: Gift cards\ntags: []\nurl: https://shop.example/gift-cards?x=1',
    "title: Don't panic (really) – 50% off\nlocale: en-GB",
  ])('reads simple front matter exactly as YAML does: %j', (source) => {
    expect(parseSimpleFrontMatter(source)).toEqual(parse(source));
  });

  it.each([
    ['a number', 'title: 42'],
    ['a boolean', 'title: true'],
    ['null', 'title: ~'],
    ['quotes', 'title: "Quoted"'],
    ['a comment', 'title: Returns # policy'],
    ['a colon and space', 'title: Returns: the policy'],
    ['a blank line', 'title: A\n\ntags: [b]'],
    ['a duplicate key', 'title: A\ntitle: B'],
    ['a continuation line', 'title: A\n  continued'],
    ['a nested list', 'questions:\n  - - nested'],
    ['an empty list item', 'tags: [a, , b]'],
    ['a colon in a flow list', 'tags: [a:b]'],
    ['Windows line endings', 'title: A\r\ntags: [b]'],
  ])('leaves %s to the YAML parser', (_, source) => {
    expect(parseSimpleFrontMatter(source)).toBeNull();
  });
});
