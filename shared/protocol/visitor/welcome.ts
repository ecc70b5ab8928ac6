import { z } from 'zod';
import { ConversationStatus, WireMessage } from '../common';

/** Answer to hello: who the visitor is, the conversation state and the messages after `lastSeq`. */
export const VisitorWelcome = z.object({
  type: z.literal('visitor.welcome'),
  protocol: z.number().int(),
  visitorId: z.string(),
  /** Signed; the client stores it and presents it at the next hello. */
  token: z.string(),
  conversationId: z.string().nullable(),
  status: ConversationStatus.nullable(),
  queuePosition: z.number().int().nullable(),
  agentName: z.string().nullable(),
  agentsOnline: z.boolean(),
  messages: z.array(WireMessage),
  /** True when more messages remain after this batch; the client asks again with its new lastSeq. */
  more: z.boolean(),
  /** What the header says before the visitor asks; absent from older servers. */
  availability: z
    .object({
      /** Inside business hours (or none set). */
      open: z.boolean(),
      /** When the team next starts answering (ms since the epoch); null while open. */
      nextOpenAt: z.number().nullable(),
      /** "Usually replies in ~N minutes": the owner's figure, else the measured median of the last week; null when unknown. */
      replyMinutes: z.number().int().positive().nullable(),
    })
    .optional(),
  /** The site's server-side widget settings; `data-*` attributes on the snippet win over them. */
  site: z.object({
    name: z.string(),
    color: z.string().nullable(),
    greeting: z.string().nullable(),
    position: z.enum(['left', 'right']).nullable(),
    locale: z.string().nullable(),
    launcherLabel: z.string().nullable(),
    /** Fields the visitor fills in before the first message; empty means no pre-chat form. */
    preChatFields: z.array(z.object({ name: z.enum(['name', 'email']), required: z.boolean() })),
    /** True when the server sends email (SMTP configured); absent or false: never promise email. */
    email: z.boolean().optional(),
    /**
     * Whether visitors may attach files, and the largest the site takes (its own limit within the server's).
     * Absent from older servers: the widget then offers attaching and lets the upload's answer decide.
     */
    files: z.object({ enabled: z.boolean(), maxBytes: z.number().int() }).optional(),
  }),
});
export type VisitorWelcome = z.infer<typeof VisitorWelcome>;
