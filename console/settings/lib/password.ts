const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random first password to hand to a new agent (16 characters, no look-alikes such as l/1 or O/0). */
export function generatePassword(length = 16, random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  // 256 is not a multiple of the alphabet size: bytes past the last whole multiple are drawn again, so no letter is likelier.
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const b of random(new Uint8Array(length))) if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}
