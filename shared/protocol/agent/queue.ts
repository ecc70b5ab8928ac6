import { z } from 'zod';
import { QueueItem } from './views';

/**
 * The queue, sent whenever it changes: its first page (the longest waiting, `LIMITS.summaryPage`),
 * so a client can never drift out of sync and the frame stays bounded. `total` counts them all.
 */
export const QueueSnapshot = z.object({ type: z.literal('queue'), items: z.array(QueueItem), total: z.number().int().optional() });
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;
