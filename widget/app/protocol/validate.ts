/**
 * A validator for the subset of JSON Schema that `z.toJSONSchema` emits for our protocol:
 * type, const, enum, properties/required, items, anyOf/oneOf, minimum/maximum. Unknown
 * properties are accepted (like zod's default object), so additive protocol changes stay compatible.
 */
export interface Schema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** Returns the path of the first mismatch, or null when `value` matches `schema`. */
export function mismatch(schema: Schema, value: unknown, path = '$'): string | null {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((s) => mismatch(s, value, path) === null) ? null : path;
  if (schema.type !== undefined) {
    const actual = typeOf(value);
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return path;
  }
  if ('const' in schema && value !== schema.const) return path;
  if (schema.enum && !schema.enum.includes(value)) return path;
  if (typeof value === 'number' && ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum))) return path;
  if (schema.items && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = mismatch(schema.items, value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
  }
  if (schema.properties && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) return `${path}.${key}`;
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (key in record) {
        const bad = mismatch(sub, record[key], `${path}.${key}`);
        if (bad) return bad;
      }
    }
  }
  return null;
}
