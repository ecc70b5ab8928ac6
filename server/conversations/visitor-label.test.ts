import { describe, expect, it } from 'vitest';
import { visitorLabel } from './visitor-label';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const context = (userAgent: string, timeZone: string) => ({ url: 'https://shop.example/', title: 'Shop', referrer: '', language: 'en', timeZone, userAgent });

describe('visitorLabel', () => {
  it('gives a short number from the id, the browser and the city of the time zone', () => {
    expect(visitorLabel({ id: '0000000a-0000-4000-8000-000000000000', context: context(chrome, 'America/New_York') })).toBe('#1010 · Chrome · New York');
  });

  it('is stable for one visitor and differs between visitors', () => {
    const a = { id: '178f0da9-54af-4f8f-bcca-a424941b4aea', context: null };
    const b = { id: '9c1e0f3b-1111-4f8f-bcca-a424941b4aea', context: null };
    expect(visitorLabel(a)).toBe(visitorLabel({ ...a }));
    expect(visitorLabel(a)).not.toBe(visitorLabel(b));
    expect(visitorLabel(a)).toMatch(/^#\d{4}$/);
  });

  it('names Edge and Firefox rather than the engines they mention, and leaves out what it does not know', () => {
    expect(visitorLabel({ id: 'ffffffff', context: context(`${chrome} Edg/126.0`, '') })).toMatch(/ · Edge$/);
    expect(visitorLabel({ id: 'ffffffff', context: context('Mozilla/5.0 (X11; rv:128.0) Gecko/20100101 Firefox/128.0', 'UTC') })).toMatch(/^#\d{4} · Firefox$/);
  });
});
