import { describe, expect, it } from 'vitest';
import { SentencePiece } from './sentencepiece';
import type { Piece } from './sentencepiece';

const CONTROL: Piece[] = [['<unk>', 0], ['<s>', 0], ['</s>', 0], ['r1', 0], ['r2', 0], ['r3', 0]];
// ids from 6: ▁ 6, ▁re 7, turn 8, ▁return 9, ▁a 10, n 11, ▁an 12, ▁item 13, ▁it 14, em 15, e 16, r 17, t 18, u 19
const VOCAB: Piece[] = [
  ...CONTROL,
  ['▁', -2], ['▁re', -4], ['turn', -5], ['▁return', -6], ['▁a', -3], ['n', -4], ['▁an', -3.5],
  ['▁item', -6], ['▁it', -4], ['em', -5], ['e', -3], ['r', -3], ['t', -3], ['u', -3],
];

describe('SentencePiece', () => {
  const sp = new SentencePiece(VOCAB);

  it('splits into the pieces with the highest total log probability', () => {
    // "▁return" (−6) beats "▁re" + "turn" (−9); "▁item" (−6) beats "▁it" + "em" (−9).
    expect(sp.encode('return an item')).toEqual([9, 12, 13]);
  });

  it('reads a character no piece covers as one unknown piece, a run of them too', () => {
    expect(sp.encode('return 😀😀')).toEqual([9, 6, 0]);
  });

  it('gives nothing for empty text and never maps text to a control symbol', () => {
    expect(sp.encode('')).toEqual([]);
    expect(sp.encode('<s>')).not.toContain(1);
  });

  it('normalises compatibility characters first (NFKC)', () => {
    expect(sp.encode('ｒｅｔｕｒｎ')).toEqual(sp.encode('return'));
  });
});
