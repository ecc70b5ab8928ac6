import { z } from 'zod';
import { lineText } from '../../shared/text';

/**
 * Default synonym groups for a web shop. The first entry of a group is its canonical form; every
 * other entry (a word or a phrase) is read as that form, in articles and in visitor messages alike.
 * A KB folder may add or replace groups with `synonyms.yaml` / `synonyms.json` (see `SynonymsFile`).
 */
export const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [
  ['refund', 'money back', 'reimburse', 'reimbursement', 'repay', 'repayment'],
  ['return', 'send back', 'sending back', 'take back'],
  ['ship', 'shipping', 'delivery', 'deliver', 'delivered', 'postage', 'dispatch', 'dispatched', 'courier', 'shipment', 'arrive', 'arrival'],
  ['parcel', 'package', 'packet'],
  ['cancel', 'cancellation', 'call off'],
  ['password', 'passcode', 'pwd', 'login details'],
  ['login', 'log in', 'sign in', 'signin', 'logon', 'log on'],
  ['signup', 'sign up', 'register', 'registration', 'create an account', 'open an account'],
  ['price', 'cost', 'pricing', 'fee', 'fees'],
  ['size', 'sizing', 'measurement', 'measurements', 'fit', 'fits'],
  ['warranty', 'guarantee', 'guaranty'],
  ['broken', 'damaged', 'defective', 'faulty', 'cracked', 'torn', 'ripped', 'busted'],
  ['discount', 'coupon', 'promo', 'voucher', 'promo code', 'promotional code', 'discount code'],
  ['track', 'tracking', 'trace'],
  ['late', 'delayed', 'delay', 'overdue'],
  ['email', 'e-mail', 'mail'],
  ['unsubscribe', 'opt out', 'stop emails'],
  ['delete', 'erase', 'wipe'],
  ['exchange', 'swap', 'replace', 'replacement'],
  ['shop', 'store', 'boutique', 'showroom', 'branch'],
  ['repair', 'fix', 'mend'],
  ['colour', 'color'],
  ['decline', 'reject', 'refuse'],
  ['account', 'profile'],
  ['basket', 'cart', 'shopping bag'],
  ['soldout', 'sold out', 'out of stock', 'unavailable'],
];

/** Shape of a KB folder's synonyms file. `replaceDefaults: true` drops `DEFAULT_SYNONYMS`. */
export const SynonymsFile = z.object({
  replaceDefaults: z.boolean().default(false),
  groups: z.array(z.array(lineText().trim().min(1).max(100)).min(2).max(100)).max(2000).default([]),
});
export type SynonymsFile = z.infer<typeof SynonymsFile>;

/** File groups win over default groups that share their canonical (first) entry. */
export function mergeSynonyms(file: SynonymsFile | null): string[][] {
  if (!file) return DEFAULT_SYNONYMS.map((g) => [...g]);
  const own = new Set(file.groups.map((g) => g[0]?.toLowerCase()));
  const defaults = file.replaceDefaults ? [] : DEFAULT_SYNONYMS.filter((g) => !own.has(g[0]));
  return [...defaults.map((g) => [...g]), ...file.groups];
}
