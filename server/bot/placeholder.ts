/** The first line of the body the KB-gap draft generator writes (see server/ops/gaps.ts). */
export const DRAFT_PLACEHOLDER = 'TODO: write the answer.';

// A line that opens with a to-do marker is a note to the author, never an answer for visitors.
const MARKER = /^\s*(?:[-*>#]\s*)*(?:TODO|TBD|FIXME)\s*(?::|$)/;

/**
 * The placeholder line left in an article body, or null when there is none. Published articles are
 * answers shown to visitors, so the API refuses bodies that still carry a draft's placeholder.
 */
export function placeholderIn(body: string): string | null {
  const lower = DRAFT_PLACEHOLDER.toLowerCase().slice(0, -1);
  for (const line of body.split(/\r?\n/)) {
    if (MARKER.test(line) || line.toLowerCase().includes(lower)) return line.trim().slice(0, 120);
  }
  return null;
}
