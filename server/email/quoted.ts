/**
 * The new part of an email reply: drops the quoted original ("> …" lines and everything from an
 * "On … wrote:" attribution or a "-----Original Message-----" divider down) and a "-- " signature.
 */
const CUT = [
  /^On\b.{0,200}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird (English)
  /^El\b.{0,200}\bescribió:\s*$/i, // the same, Spanish
  /^-{2,}\s*Original Message\s*-{2,}/i, // Outlook
  /^_{10,}\s*$/, // Outlook web divider
  /^From:\s.+/i, // Outlook's quoted header block
  /^-- $/, // signature delimiter
];

export function newPartOfReply(text: string): string {
  const kept: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (CUT.some((re) => re.test(line)) || CUT.some((re) => re.test(raw))) break;
    if (line.startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
