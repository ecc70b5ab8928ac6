import { z } from 'zod';
import { QueueItem } from './views';

/** The whole queue, sent whenever it changes: small, and a client can never drift out of sync. */
export const QueueSnapshot = z.object({ type: z.literal('queue'), items: z.array(QueueItem) });
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;
