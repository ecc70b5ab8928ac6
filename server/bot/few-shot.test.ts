import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from './bot';
import { staticTablePath } from './encoder/static-table';
import { SHOP_KB, md, tempKb } from './test-helpers';
import type { Bot } from './types';

/**
 * A home assistant with six example questions per command, in pairs that share every content
 * word but the one that matters: on / off, lock / unlock, arm / disarm. "off" and "on" are stop
 * words, so the similarity signals cannot tell a pair apart; the intent model's surface features
 * (stop words kept, word pairs) and the distilled encoder's meaning can, and with the encoder on
 * (the default) the model is trained from 5 example questions per article.
 */
const COMMANDS: Record<string, { title: string; questions: string[] }> = {
  'lights-on': { title: 'Turn the lights on', questions: ['turn on the lights', 'lights on please', 'switch the kitchen light on', 'put the lamp on', 'i need some light in here', 'turn the bedroom lights on'] },
  'lights-off': { title: 'Turn the lights off', questions: ['turn off the lights', 'lights off please', 'switch the kitchen light off', 'put the lamp out', 'kill the lights', 'turn the bedroom lights off'] },
  'lock-door': { title: 'Lock a door', questions: ['lock the front door', 'lock up the house', 'lock all the doors', 'please lock the back door', 'secure the door', 'lock the garden gate'] },
  'unlock-door': { title: 'Unlock a door', questions: ['unlock the front door', 'open the lock', 'unlock all the doors', 'please unlock the back door', 'let me in', 'unlock the garden gate'] },
  'arm-alarm': { title: 'Arm the alarm', questions: ['arm the alarm', 'turn the alarm on', 'set the security system', 'activate the burglar alarm', 'arm security before i leave', 'switch on the alarm'] },
  'disarm-alarm': { title: 'Disarm the alarm', questions: ['disarm the alarm', 'turn the alarm off', 'switch off the security system', 'deactivate the burglar alarm', 'disarm security i am home', 'stop the alarm'] },
  'weather': { title: 'Weather forecast', questions: ['what is the weather today', 'will it rain tomorrow', 'forecast for the weekend', 'is it cold outside', 'do i need an umbrella', 'how hot will it be'] },
  'play-music': { title: 'Play music', questions: ['play some music', 'put on my playlist', 'play jazz in the living room', 'start the music', 'i want to hear some songs', 'play the radio'] },
};

/** Messages not in the KB, each naming the one word that separates a pair. */
const QUERIES: [string, string][] = [
  ['can you turn the living room lights on', 'lights-on'],
  ['can you turn the living room lights off', 'lights-off'],
  ['switch the hallway lamp off', 'lights-off'],
  ['lock the garage door', 'lock-door'],
  ['unlock the garage door', 'unlock-door'],
  ['arm the house alarm', 'arm-alarm'],
  ['disarm the house alarm', 'disarm-alarm'],
  ['switch the alarm off now', 'disarm-alarm'],
];

function kbFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [id, { title, questions }] of Object.entries(COMMANDS)) {
    files[`${id}.md`] = md(`title: ${title}\nquestions:\n${questions.map((q) => `  - ${q}`).join('\n')}`, `${title}: say it to the assistant.`);
  }
  return files;
}

async function firstChoices(bot: Bot): Promise<number> {
  let right = 0;
  for (const [text, expected] of QUERIES) {
    const d = await bot.decide(text, { unhelpfulRounds: 0 });
    if ('candidates' in d && d.candidates[0]?.id === expected) right++;
  }
  return right;
}

// Built before the test run (tests/setup/distilled-table.ts) when the optional teacher package is installed.
const available = (await staticTablePath()) !== null;

describe.skipIf(!available)('few example questions per article, confusable commands', () => {
  let kb: Awaited<ReturnType<typeof tempKb>>;
  let byMeaning: Bot;
  let byWords: Bot;
  beforeAll(async () => {
    kb = await tempKb(kbFiles());
    byMeaning = await createBot({ kbDir: kb.dir, watch: false, log: () => {}, calibrate: 'inline' });
    byWords = await createBot({ kbDir: kb.dir, watch: false, log: () => {}, calibrate: 'inline', thresholds: { encoder: 'none' } });
  });
  afterAll(async () => {
    byMeaning.close();
    byWords.close();
    await kb.cleanup();
  });

  it('ranks the right one of each pair first with the defaults (the encoder on, the intent model trained)', async () => {
    expect(await firstChoices(byMeaning)).toBe(QUERIES.length);
  });

  it('ranks a message by meaning where it shares no telling word with its article, which words alone do not', async () => {
    for (const [text, expected] of [['some tunes please', 'play-music'], ['lights out', 'lights-off']] as const) {
      const meant = await byMeaning.decide(text, { unhelpfulRounds: 0 });
      const worded = await byWords.decide(text, { unhelpfulRounds: 0 });
      expect('candidates' in meant && meant.candidates[0]?.id).toBe(expected);
      expect('candidates' in worded && worded.candidates[0]?.id).not.toBe(expected);
    }
  });
});

describe('a KB with fewer than 5 example questions per article', () => {
  it('is decided on words alone with the default encoder, exactly as with none', async () => {
    const kb = await tempKb(SHOP_KB);
    const byDefault = await createBot({ kbDir: kb.dir, watch: false, log: () => {}, calibrate: 'inline' });
    const byWords = await createBot({ kbDir: kb.dir, watch: false, log: () => {}, calibrate: 'inline', thresholds: { encoder: 'none' } });
    try {
      for (const text of ['how long does shipping take', 'i forgot my password', 'can i send my shoes back', 'do you sell gift cards', 'what is the meaning of life']) {
        expect(await byDefault.decide(text, { unhelpfulRounds: 0 })).toEqual(await byWords.decide(text, { unhelpfulRounds: 0 }));
      }
    } finally {
      byDefault.close();
      byWords.close();
      await kb.cleanup();
    }
  });
});
