/** Error codes the bot module throws; routes map them to HTTP statuses. */
export const BotErrorCode = {
  invalidArticle: 'kb_invalid_article',
  notFound: 'kb_not_found',
  invalidConfig: 'bot_invalid_config',
} as const;
export type BotErrorCode = (typeof BotErrorCode)[keyof typeof BotErrorCode];

export class BotError extends Error {
  constructor(
    readonly code: BotErrorCode,
    message: string,
    /** Per-field problems of a refused article, for forms to show next to each field. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'BotError';
  }
}
