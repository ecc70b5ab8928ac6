import { z } from 'zod';

/** Heartbeat, either direction; answered with `pong`. */
export const Ping = z.object({ type: z.literal('ping') });
export type Ping = z.infer<typeof Ping>;

export const Pong = z.object({ type: z.literal('pong') });
export type Pong = z.infer<typeof Pong>;
