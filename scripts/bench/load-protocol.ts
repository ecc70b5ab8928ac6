import type { Summary } from './stats';

/** Messages between the benchmark runner and its load-generator process (over the fork IPC channel). */
export type ToLoad =
  /** `ws`: one node, or several that visitors are spread over round-robin (visitor i on node i mod n). */
  | { cmd: 'connect'; ws: string | string[]; sockets: number; concurrency: number }
  /** `ws`/`http`: the node the agents sign in to. With several nodes, human chats are taken from visitors on the others. */
  | { cmd: 'traffic'; ws: string; http: string; plan: TrafficPlan; crossNode?: boolean }
  | { cmd: 'exit' };

export type FromLoad =
  | { ev: 'connected'; result: ConnectResult }
  | { ev: 'traffic'; result: TrafficResult }
  | { ev: 'failed'; message: string };

export interface TrafficPlan {
  /** Visitor messages per second, offered open-loop (sends do not wait for earlier answers). */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** Held visitor sockets that talk to the bot during the run. */
  botVisitors: number;
  /** Visitor sockets whose chats are escalated and claimed; their messages go to an agent. */
  humanVisitors: number;
  /** How long to wait for stragglers after the last send. */
  drainSeconds: number;
}

export interface ConnectResult {
  /** Sockets that completed the hello/welcome handshake. */
  held: number;
  failed: number;
  ms: number;
  /** Handshakes completed per second. */
  perSecond: number;
  /** Welcome time, from socket creation. */
  handshake: Summary;
}

export interface TrafficResult {
  offeredPerSecond: number;
  /** Visitor messages sent in the measured window. */
  sent: number;
  /** Acks (of any send, warm-up included) that arrived inside the measured window, per second: the throughput the server sustained. */
  ackedPerSecond: number;
  ack: Summary;
  botReply: Summary;
  agentDelivery: Summary;
  /** Measured-window messages still without an ack / bot reply / agent delivery after draining. */
  missing: { ack: number; botReply: number; agentDelivery: number };
  errors: Record<string, number>;
  /** CPU the load generator itself used during the window, as a share of one core. */
  loadGenCpu: number;
}
