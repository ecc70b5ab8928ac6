/** The top of a value axis: the smallest 1, 2 or 5 × 10ⁿ at or above the largest value (1 for none). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((s) => s * magnitude >= max) ?? 10;
  return step * magnitude;
}

/** Every how many bars an axis label fits without crowding. */
export function labelEvery(count: number, room = 12): number {
  return Math.max(1, Math.ceil(count / room));
}

/** Shared geometry of the SVG charts, in viewBox units; the SVG scales to its container. */
export const FRAME = { width: 640, height: 220, left: 44, right: 8, top: 12, bottom: 28 } as const;
export const PLOT = { width: FRAME.width - FRAME.left - FRAME.right, height: FRAME.height - FRAME.top - FRAME.bottom } as const;
