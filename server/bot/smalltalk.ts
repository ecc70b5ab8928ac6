import type { SmalltalkReply } from './types';
import { normalise } from './text';

/**
 * Rules, not retrieval: small talk and requests for a person are a closed, well-known set of
 * phrasings, and getting them wrong is expensive (an article in reply to "thanks", or a bot that
 * will not let go). Matching is on whole words of the normalised message.
 */

const KEYWORDS: Record<SmalltalkReply, readonly string[]> = {
  thanks: ['thanks', 'thank', 'thankyou', 'thx', 'thnx', 'ty', 'tysm', 'cheers', 'appreciate', 'appreciated', 'grateful', 'ta'],
  goodbye: ['bye', 'goodbye', 'byebye', 'cya', 'farewell', 'goodnight', 'later', 'ciao'],
  greeting: ['hi', 'hello', 'hey', 'heya', 'hiya', 'howdy', 'yo', 'hola', 'greetings', 'morning', 'afternoon', 'evening', 'sup', 'hallo', 'bonjour'],
  ack: ['ok', 'okay', 'k', 'kk', 'cool', 'great', 'nice', 'perfect', 'awesome', 'alright', 'fine', 'gotcha', 'understood', 'noted', 'brilliant', 'excellent', 'got', 'sure'],
};

/** Words that may surround a small-talk keyword without making the message a question. */
const FILLER = new Set(
  ('a again all and are bot buddy chat day doing everyone folks for friend good great guys have help helpful ' +
    'how i im it just kind lot lots mate much nice oh of really see so soon team that thats the there ' +
    'this to today too up very well whats you your youre was is wonderful hope its all it'
  ).split(' '),
);

/** Courtesy and urgency words visitors add to a question ("tracking pls", "refund asap"). */
const POLITE = new Set(['please', 'pls', 'plz', 'asap', 'urgent', 'urgently', 'quick', 'quickly', 'thx', 'ty']);

/** Whether a normalised word is chat (small talk, filler, courtesy) rather than what a question is about. */
export function isChatWord(word: string): boolean {
  return POLITE.has(word) || FILLER.has(word) || KIND.has(word);
}

const ORDER: readonly SmalltalkReply[] = ['thanks', 'goodbye', 'greeting', 'ack'];
const KIND = new Map<string, SmalltalkReply>();
for (const kind of [...ORDER].reverse()) for (const w of KEYWORDS[kind]) KIND.set(w, kind);

const THUMBS = /^[\s👍👌🙏🙂😊😀👋✌️❤️!.]+$/u;

function tokens(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The small-talk kind when the whole message is small talk ("hi there!", "thanks a lot"), else null. */
export function smalltalk(text: string): SmalltalkReply | null {
  const t = tokens(text);
  if (t.length === 0) {
    if (!THUMBS.test(text) || !/[👍👌🙏🙂😊😀👋✌❤]/u.test(text)) return null;
    if (/👋/u.test(text)) return 'greeting';
    if (/🙏/u.test(text)) return 'thanks';
    return 'ack';
  }
  if (t.length > 8) return null;
  const joined = t.join(' ');
  if (/^(how are you|how r u|whats up|how is it going|hows it going|good (morning|afternoon|evening|day))\b/.test(joined) && t.every((w) => FILLER.has(w) || KIND.has(w) || ['r', 'u', 'going', 'hows', 'is', 'it'].includes(w))) {
    return 'greeting';
  }
  if (/^(see you|see ya|have a (nice|good|great) (day|one|evening|weekend)|thats all|that is all)\b/.test(joined) && t.every((w) => FILLER.has(w) || KIND.has(w) || ['ya', 'weekend', 'one', 'evening'].includes(w))) {
    return 'goodbye';
  }
  let best: SmalltalkReply | null = null;
  for (const w of t) {
    const kind = KIND.get(w);
    if (kind) {
      if (best === null || ORDER.indexOf(kind) < ORDER.indexOf(best)) best = kind;
    } else if (!FILLER.has(w)) {
      return null;
    }
  }
  return best;
}

const GREETING_PREFIX = /^\s*(hi|hello|hey|heya|hiya|howdy|good (morning|afternoon|evening))( there| team| all| everyone| guys| folks)?[\s,.!:;-]+/i;

/** "Hi, where is my order?" → "where is my order?" (the greeting carries no search signal). */
export function stripGreeting(text: string): string {
  const stripped = text.replace(GREETING_PREFIX, '');
  return stripped.trim() ? stripped : text;
}

const WHO =
  '(?:a |an |the |some |your |one of your |to )?(?:real |live |actual |proper |human |customer )?' +
  '(?:human|humans|person|people|agent|agents|representative|rep|operator|staff|staff member|employee|manager|supervisor|advisor|adviser|' +
  'customer (?:service|support|care)(?: team| agent| rep| representative)?|support (?:team|staff|agent)|someone|somebody|anyone|anybody|real one|being)';
const HUMAN_REQUESTS: readonly RegExp[] = [
  // "can I talk to someone", "connect me with an agent", "transfer me to a representative"
  new RegExp(`\\b(talk|speak|chat|connect|transfer|put|pass|hand|forward|escalate|get|bring|switch)( me| this| it)?( over| through| back)?( (to|with|through))? ${WHO}\\b`),
  // "I want a human", "need a real person" — but not "I need someone to ..." about an order
  /\b(want|need|prefer|like|request|give me|get me|find me)( to (talk|speak|chat)( to| with)?)? (a |an |the |some |your )?(real |live |actual )?(human|person|agent|representative|operator|people|human being|manager|supervisor)\b/,
  // "is anyone there?", "is there a human", "any humans around"
  /\b(is|are) there (a |an |any )?(real |live )?(human|humans|person|people|agent|agents|human being)\b/,
  /\b(is|are) (there )?(anyone|anybody|someone|somebody)\b/,
  /^(anyone|anybody|somebody|someone) (there|around|home|real|available|alive)\b/,
  // "not a bot", "I don't want a bot", "stop the bot", "no more bots"
  /\b(not|no|dont want|do not want|hate|stop)( to)?( talk| talking| chat| chatting| speak| speaking)?( to| with)? (a |the |this |more |any )?(bot|bots|robot|robots|machine|ai|automated)\b/,
  // "call me back", "can someone call me", "phone me"
  /\b(call|ring|phone) me( back)?\b/,
  // "talk to a persona", "parler à un humain", "mit einem menschen sprechen"
  /\b(persona|humano|humain|mensch|menschen|mitarbeiter|operatore|operador)\b/,
];

/** Short messages that are only a call for a person: "agent please", "HUMAN!!", "live chat". */
const BARE = /^(please |pls |plz )?(a |an )?(real |live )?(human|humans|agent|representative|rep|operator|person|real person|live agent|live person|live chat|human being|human please|manager|supervisor)( please| pls| plz| now| asap| thanks| thank you)*$/;

/** True when the visitor is asking for a person, in any of the usual ways. */
export function asksForHuman(text: string): boolean {
  const t = tokens(text).join(' ');
  if (!t) return false;
  if (BARE.test(t)) return true;
  return HUMAN_REQUESTS.some((re) => re.test(t));
}
