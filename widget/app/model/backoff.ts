/**
 * Reconnect delay with "full jitter": a random wait up to an exponentially growing cap, so a
 * server restart does not get every visitor back in the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 500, maxMs = 30_000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.max(250, Math.round(random() * cap));
}
