import { expect, it } from 'vitest';
import { FRAME_BUDGETS, FrameMeter, SharedFrameBudgets, VISITOR_FRAME_COST } from './frame-budget';

it('charges each frame its cost: the socket burst runs out sooner for dearer frames', () => {
  const shared = new SharedFrameBudgets();
  const typing = new FrameMeter(VISITOR_FRAME_COST, FRAME_BUDGETS.visitorSocket, shared.visitors);
  const sends = new FrameMeter(VISITOR_FRAME_COST, FRAME_BUDGETS.visitorSocket, shared.visitors);
  const allowed = (m: FrameMeter<{ type: keyof typeof VISITOR_FRAME_COST }>, type: keyof typeof VISITOR_FRAME_COST) => {
    let n = 0;
    while (m.charge(type, null) === 0 && n < 1_000) n++;
    return n;
  };
  expect(allowed(typing, 'visitor.typing')).toBe(FRAME_BUDGETS.visitorSocket.capacity);
  expect(allowed(sends, 'visitor.send')).toBe(FRAME_BUDGETS.visitorSocket.capacity / VISITOR_FRAME_COST['visitor.send']);
  shared.close();
});

it('shares the owner budget between sockets, and says how long to wait', () => {
  const shared = new SharedFrameBudgets();
  const tabs = [0, 1, 2].map(() => new FrameMeter(VISITOR_FRAME_COST, FRAME_BUDGETS.visitorSocket, shared.visitors));
  let allowed = 0;
  let wait = 0;
  for (let i = 0; i < 300 && wait === 0; i++) {
    wait = tabs[i % 3]!.charge('visitor.page', 'v1');
    if (wait === 0) allowed++;
  }
  expect(allowed).toBe(Math.floor(FRAME_BUDGETS.visitor.capacity / VISITOR_FRAME_COST['visitor.page']));
  expect(wait).toBeGreaterThan(0);
  // Another visitor is not affected.
  expect(new FrameMeter(VISITOR_FRAME_COST, FRAME_BUDGETS.visitorSocket, shared.visitors).charge('visitor.page', 'v2')).toBe(0);
  shared.close();
});
