import type { Visitor } from '../store/types';

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

/**
 * How agents tell anonymous visitors apart in the queue: a short number derived from the visitor id (stable
 * for the visitor, the same on every node), plus the browser and the city of their time zone when known.
 * Built only from what the page reported; never the IP address.
 */
export function visitorLabel(v: Pick<Visitor, 'id' | 'context'>): string {
  const hex = v.id.replace(/[^0-9a-f]/gi, '').slice(0, 8) || '0';
  const number = `#${(parseInt(hex, 16) % 9000) + 1000}`;
  const ua = v.context?.userAgent ?? '';
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const zone = v.context?.timeZone ?? '';
  const city = zone.includes('/') ? zone.split('/').at(-1)!.replace(/_/g, ' ') : '';
  return [number, browser, city].filter(Boolean).join(' · ');
}
