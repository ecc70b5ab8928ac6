import { z } from 'zod';
import { VisitorContext } from '../common';

/** The visitor navigated (including single-page-app History API changes). */
export const VisitorPage = z.object({ type: z.literal('visitor.page'), context: VisitorContext });
export type VisitorPage = z.infer<typeof VisitorPage>;
