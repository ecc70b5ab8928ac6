import { staticEncoder, staticTablePath } from '../../server/bot/encoder/static-table';

/**
 * Builds the distilled encoder's table once before the tests (15–40 s of CPU on a fresh install,
 * nothing when it is cached): every bot reads it for the meaning check, and without it each test
 * process would start its own build on a first run and decide without the check until it is done.
 * Without the optional teacher package there is nothing to build and the bots decide without it.
 */
export default async function setup(): Promise<void> {
  if (await staticTablePath()) await staticEncoder();
}
