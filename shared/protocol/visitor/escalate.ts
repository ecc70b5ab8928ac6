import { z } from 'zod';
import { ClientId } from '../common';

/** "Talk to a person", always reachable in the widget. */
export const VisitorEscalate = z.object({ type: z.literal('visitor.escalate'), id: ClientId });
export type VisitorEscalate = z.infer<typeof VisitorEscalate>;
