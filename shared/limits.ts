/** Limits shared by the server (which enforces them) and the clients (which explain them). */
export const LIMITS = {
  /** Longest message text a visitor or agent may send, in characters. */
  messageText: 4_000,
  /** Largest WebSocket frame accepted, in bytes; bigger frames are refused before parsing. */
  frameBytes: 16_384,
  /** Invalid frames tolerated per connection within `badFrameWindowMs` before it is closed. */
  badFrames: 20,
  badFrameWindowMs: 10_000,
  /** Messages one conversation may hold; past it the visitor is asked to start a new one. */
  conversationMessages: 2_000,
  /** Messages in one page of history (replay to the widget, a chat opened in the console). */
  replayBatch: 100,
  /** Bytes of messages in one page: a page ends at whichever of the two limits comes first. */
  pageBytes: 131_072,
  /**
   * Largest frame the server sends, in bytes; the clients' size guard for server frames. Every
   * frame that carries a list is built in pages below it (history, summaries, detail).
   */
  serverFrameBytes: 1_048_576,
  /** Queue items and tickets in one frame (the console says how many more there are). */
  summaryPage: 50,
  /** Characters of the last message shown in a queue item or summary. */
  previewChars: 200,
  /** Page views and events shown with a conversation's detail (the latest ones). */
  detailPages: 20,
  detailEvents: 100,
  /** Bytes a socket may have waiting to be sent; past it the peer is not reading and is closed. */
  outboundBufferBytes: 2_097_152,
  /** Frames a socket may have waiting to be handled; past it new frames are refused. */
  pendingFrames: 64,
  /** Heartbeat interval; a socket silent for two intervals is considered dead. */
  heartbeatMs: 25_000,
  urlChars: 2_048,
  titleChars: 300,
  nameChars: 120,
  emailChars: 254,
  attributeCount: 50,
  attributeValueChars: 500,
} as const;

/** WebSocket close codes the widget and console understand. */
export const CLOSE = {
  /** Server shutting down or restarting: reconnect soon. */
  serverRestart: 1012,
  /** Too many invalid frames. */
  policy: 1008,
  /** Frame over `LIMITS.frameBytes`. */
  tooBig: 1009,
  /** Authentication failed: do not reconnect with the same credentials. */
  unauthorized: 4001,
  /** Protocol version not supported: reload the client. */
  badVersion: 4002,
  /** Origin not allowed for this site. */
  forbiddenOrigin: 4003,
  /** The server cannot serve right now (e.g. its database is briefly away): reconnect with backoff. */
  tryAgainLater: 1013,
  /** Too many new connections from this address, or frames over budget: reconnect later (with backoff). */
  rateLimited: 4029,
  /** The client stopped reading and its outbound buffer passed `LIMITS.outboundBufferBytes`: reconnect. */
  slowConsumer: 4008,
} as const;
