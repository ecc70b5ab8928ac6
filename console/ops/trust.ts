import { z } from 'zod';

/** `GET /api/ops/article-trust`: articles whose trust live feedback lowered (server/routes/trust-routes.ts). */
export const ArticleTrustResponse = z.object({
  items: z.array(
    z.object({
      site: z.string().nullable(),
      articleId: z.string(),
      title: z.string().nullable(),
      visitorUnhelpful: z.number(),
      handoverAfterAnswer: z.number(),
      agentMarkedWrong: z.number(),
      lowestTrust: z.number(),
      lastAt: z.string(),
      questions: z.array(z.string()),
    }),
  ),
});
export type TrustRow = z.infer<typeof ArticleTrustResponse>['items'][number];
