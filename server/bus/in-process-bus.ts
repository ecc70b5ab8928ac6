import type { Bus, BusEvent, BusHandler } from './bus';

/** The single-node bus. Delivery is asynchronous (next microtask) as it would be over a network. */
export function createInProcessBus(onHandlerError: (e: unknown) => void = () => {}): Bus {
  const handlers = new Map<string, Set<BusHandler>>();
  return {
    publish(topic: string, event: BusEvent) {
      const set = handlers.get(topic);
      if (!set) return;
      for (const h of [...set]) {
        queueMicrotask(() => {
          try {
            h(event);
          } catch (e) {
            onHandlerError(e);
          }
        });
      }
    },
    subscribe(topic: string, handler: BusHandler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
