import type { z } from 'zod';

/**
 * The keys of a JSON value that a zod schema does not know: zod's objects drop them silently, so
 * a misspelt key ("letterHead") would be ignored and its value lost. Walks the schema beside the
 * value (objects, arrays, unions by their discriminator, optional/default/nullable wrappers).
 */

export interface UnknownKey {
  path: (string | number)[];
  key: string;
  /** The known key it was probably meant to be ("letterhead"), if one is close. */
  suggestion: string | null;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
  getter?: () => z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Edit distance, for "letterHead" → "letterhead", "recipent" → "recipients". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

function suggest(key: string, known: string[]): string | null {
  const lower = key.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  const close = known
    .map((k) => ({ k, d: distance(lower, k.toLowerCase()) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  return close?.k ?? null;
}

/** The option of a union the value belongs to: by its discriminator, else the first object option. */
function optionFor(def: Def, value: unknown): z.ZodType | null {
  const options = def.options ?? [];
  if (def.discriminator && isObject(value)) {
    const tag = value[def.discriminator];
    const match = options.find((o) => {
      const field = defOf(o).shape?.[def.discriminator!];
      return field ? (defOf(field).values ?? []).includes(tag) : false;
    });
    if (match) return match;
  }
  return options.find((o) => unwrap(o) !== null && defOf(unwrap(o)!).type === 'object') ?? null;
}

function unwrap(s: z.ZodType): z.ZodType | null {
  const def = defOf(s);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'lazy' && def.getter) return unwrap(def.getter());
  return s;
}

export function unknownKeys(schema: z.ZodType, value: unknown, path: (string | number)[] = []): UnknownKey[] {
  const inner = unwrap(schema);
  if (!inner) return [];
  const def = defOf(inner);
  if (def.type === 'object' && def.shape && isObject(value)) {
    const known = Object.keys(def.shape);
    return Object.entries(value).flatMap(([k, v]) =>
      k in def.shape!
        ? unknownKeys(def.shape![k]!, v, [...path, k])
        : [{ path, key: k, suggestion: suggest(k, known) }],
    );
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    return value.flatMap((v, i) => unknownKeys(def.element!, v, [...path, i]));
  }
  if (def.type === 'record' && def.valueType && isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => unknownKeys(def.valueType!, v, [...path, k]));
  }
  if (def.type === 'union') {
    const option = optionFor(def, value);
    return option ? unknownKeys(option, value, path) : [];
  }
  return [];
}
