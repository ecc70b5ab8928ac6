import type { AgentToServer, VisitorToServer } from '../../shared/protocol/index';
import type { BucketRule } from './token-bucket';
import { TokenBuckets } from './token-bucket';

type CostTable<T extends { type: string }> = { readonly [K in T['type']]: number };

/**
 * What one inbound frame of each type costs, in budget units. Keyed by the protocol unions, so a
 * new frame type without a cost is a compile error. Roughly: 1 for what touches no storage,
 * more for what writes or reads the database.
 */
export const VISITOR_FRAME_COST: CostTable<VisitorToServer> = {
  ping: 1,
  'visitor.typing': 1,
  'visitor.hello': 5,
  'visitor.history': 3,
  'visitor.page': 3,
  'visitor.feedback': 3,
  'visitor.csat': 3,
  'visitor.nps': 3,
  'visitor.identify': 5,
  'visitor.send': 5,
  'visitor.choose': 5,
  'visitor.escalate': 5,
  'visitor.leave_message': 5,
  // Queues an outgoing email (rate-limited to 3 per conversation per hour besides).
  'visitor.transcript': 10,
};

export const AGENT_FRAME_COST: CostTable<AgentToServer> = {
  ping: 1,
  'agent.typing': 1,
  'agent.presence': 2,
  'agent.hello': 5,
  'agent.open': 3,
  'agent.history': 3,
  'agent.send': 3,
  'agent.note': 3,
  'agent.claim': 3,
  'agent.resolve': 3,
  'agent.transfer': 3,
};

/**
 * Budgets in cost units: a burst of `capacity`, refilled at `refillPerSecond`. Each socket has its
 * own; all sockets of one visitor (or one agent) also share one, so opening tabs buys nothing.
 * A person chatting spends well under one unit a second; a reconnect that flushes a full outbox
 * (hello, identify, page and a dozen resends) stays inside the burst. See docs/SECURITY.md.
 */
export const FRAME_BUDGETS = {
  visitorSocket: { capacity: 100, refillPerSecond: 5 },
  visitor: { capacity: 150, refillPerSecond: 8 },
  agentSocket: { capacity: 200, refillPerSecond: 20 },
  agent: { capacity: 400, refillPerSecond: 30 },
} as const satisfies Record<string, BucketRule>;

type BudgetName = keyof typeof FRAME_BUDGETS;

/**
 * The budgets in force: the defaults above times `RATE_FRAME_BUDGET_SCALE` (1 unless load tests lift
 * it), plus the buckets shared by every socket of one visitor or agent, per process.
 */
export class SharedFrameBudgets {
  readonly visitors: TokenBuckets;
  readonly agents: TokenBuckets;
  constructor(private readonly scale = 1) {
    this.visitors = new TokenBuckets(this.rule('visitor'));
    this.agents = new TokenBuckets(this.rule('agent'));
  }

  rule(name: BudgetName): BucketRule {
    const r = FRAME_BUDGETS[name];
    return { capacity: r.capacity * this.scale, refillPerSecond: r.refillPerSecond * this.scale };
  }

  private readonly timer = setInterval(() => {
    this.visitors.sweep();
    this.agents.sweep();
  }, 60_000).unref();

  close(): void {
    clearInterval(this.timer);
  }
}

/**
 * One socket's meter: charges each frame against the socket's budget and, once the owner is
 * known, the owner's shared one. Returns 0 when the frame may run, else the wait in milliseconds.
 */
export class FrameMeter<T extends { type: string }> {
  private readonly socket: TokenBuckets;
  constructor(
    private readonly costs: CostTable<T>,
    socketRule: BucketRule,
    private readonly shared: TokenBuckets,
  ) {
    this.socket = new TokenBuckets(socketRule);
  }

  charge(type: T['type'], owner: string | null): number {
    const cost = this.costs[type as keyof CostTable<T>];
    const socketWait = this.socket.take('socket', cost);
    if (socketWait > 0) return socketWait;
    return owner === null ? 0 : this.shared.take(owner, cost);
  }
}
