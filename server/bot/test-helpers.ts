import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotLog, LogLevel } from './types';

/** A temp KB folder with the given files; `cleanup` removes it. */
export async function tempKb(files: Record<string, string>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kb-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function md(fm: string, body: string): string {
  return `---\n${fm.trim()}\n---\n\n${body}\n`;
}

/** Collects log lines so tests can assert on what an operator would read. */
export function memoryLog(): { log: BotLog; lines: { level: LogLevel; msg: string }[] } {
  const lines: { level: LogLevel; msg: string }[] = [];
  return { log: (level, msg) => lines.push({ level, msg }), lines };
}

/** Polls until `check` passes or the time is up (file watching is asynchronous). */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A small shop KB used by the policy tests. */
export const SHOP_KB: Record<string, string> = {
  'shipping.md': md(
    'title: Shipping times\nquestions:\n  - How long does delivery take?\n  - When will my parcel arrive?\ntags: [shipping]',
    'Standard delivery takes 3–5 working days. Express delivery arrives next day.',
  ),
  'returns.md': md(
    'title: Returns policy\nquestions:\n  - How do I return an item?\n  - Can I send something back?\ntags: [returns]',
    'You can return unused items within 60 days for free.',
  ),
  'refund.md': md(
    'title: Request a refund\nquestions:\n  - I want my money back\n  - How do I get a refund?\ntags: [refunds, always-human]',
    'Our team arranges refunds personally.',
  ),
  'password.md': md(
    'title: Reset your password\nquestions:\n  - I forgot my password\n  - I cannot log in',
    'Use the "Forgotten your password?" link on the sign-in page.',
  ),
  'gift-cards.md': md('title: Gift cards\ntags: [payments]', 'Gift cards are valid for 24 months and can be used online and in stores.'),
  'gift-wrap.md': md('title: Gift wrapping', 'We can gift wrap any order for £3. Add gift wrapping in the basket.'),
};

/**
 * Four assistant intents, six phrasings each: enough to train the intent model when a sentence
 * encoder reads them (`encoder: "use-lite"`), too few without one.
 */
export const INTENTS_KB: Record<string, string> = {
  'weather.md': md(
    `title: Weather forecast
questions:
  - what is the forecast for today
  - will it rain this afternoon
  - how hot will it get
  - is it going to be sunny
  - what's the temperature outside
  - will there be snow this week`,
    'The forecast comes from the national weather service.',
  ),
  'restaurant.md': md(
    `title: Booking a table
questions:
  - book a table for two
  - reserve dinner at an italian place
  - can you get me a restaurant reservation
  - i need a table tonight at eight
  - make a booking for lunch
  - find a place to eat and reserve it`,
    'Tell me the restaurant, the time and how many people.',
  ),
  'flight.md': md(
    `title: Flight status
questions:
  - is my flight on time
  - has flight ba 117 been delayed
  - when does my plane land
  - check the status of my flight
  - what gate does my flight leave from
  - is the 6 pm flight cancelled`,
    'Give me your flight number and I will look it up.',
  ),
  'music.md': md(
    `title: Playing music
questions:
  - play some jazz
  - put on my workout playlist
  - i want to hear the beatles
  - start the music
  - play the next song
  - shuffle my favourite songs`,
    'Say what you want to hear.',
  ),
};
