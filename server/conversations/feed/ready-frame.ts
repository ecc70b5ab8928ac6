/**
 * A frame serialised once for every socket it goes to (socket.io-adapter's model: a packet is encoded
 * once and written to every socket of a room). Each socket still applies its own outbound budget.
 */
export interface ReadyFrame {
  readonly type: string;
  readonly text: string;
  readonly bytes: number;
}

export function ready<F extends { type: string }>(frame: F): ReadyFrame {
  const text = JSON.stringify(frame);
  return { type: frame.type, text, bytes: Buffer.byteLength(text) };
}
