import { z } from 'zod';
import { WireMessage } from '../common';

export const MessageFrame = z.object({ type: z.literal('message'), message: WireMessage });
export type MessageFrame = z.infer<typeof MessageFrame>;
