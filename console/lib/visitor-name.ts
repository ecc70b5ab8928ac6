/**
 * What agents call a visitor: their name or email when known, else "Visitor" and the server's label
 * (a stable number, browser and city), so anonymous rows in the queue do not all look the same.
 */
export function visitorDisplayName(v: { visitorName: string | null; visitorLabel?: string }, anonymous: string): string {
  if (v.visitorName) return v.visitorName;
  return v.visitorLabel ? `${anonymous} ${v.visitorLabel}` : anonymous;
}
