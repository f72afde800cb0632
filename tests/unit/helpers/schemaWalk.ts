import type { z } from 'zod';

/** One place in an input schema: its path (object keys, '[]' for list items, '{}' for record keys). */
export interface SchemaLeaf {
  path: string[];
  schema: z.ZodType;
  type: string;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
  catchall?: z.ZodType;
};

/**
 * Every leaf a caller's input reaches: strings, numbers, enums… Wrappers (optional, default, pipe's
 * input side) are looked through; unions give all their options. Used to prove rules that must hold
 * for every field of the contract (the text rule, field labels).
 */
export function inputLeaves(
  schema: z.ZodType,
  path: string[] = [],
  seen = new Set<z.ZodType>(),
): SchemaLeaf[] {
  if (seen.has(schema)) return [];
  const def = schema._zod.def as Def;
  const next = (s: z.ZodType | undefined | null, p = path) => (s ? inputLeaves(s, p, seen) : []);
  switch (def.type) {
    case 'object': {
      const out = Object.entries(def.shape ?? {}).flatMap(([k, v]) => next(v, [...path, k]));
      if (def.catchall && def.catchall._zod.def.type !== 'never')
        out.push(...next(def.catchall, [...path, '*']));
      return out;
    }
    case 'array':
      return next(def.element, [...path, '[]']);
    case 'union':
      return (def.options ?? []).flatMap((o) => next(o));
    case 'intersection':
      return [...next(def.left), ...next(def.right)];
    case 'tuple':
      return [
        ...(def.items ?? []).flatMap((o) => next(o, [...path, '[]'])),
        ...next(def.rest, [...path, '[]']),
      ];
    case 'record':
      return [...next(def.keyType, [...path, '{}']), ...next(def.valueType, [...path, '{}'])];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return next(def.innerType);
    case 'pipe':
      // What the caller sends meets the pipe's input side; its output side sees checked data.
      return next(def.in);
    case 'lazy':
      seen.add(schema);
      return next(def.getter?.());
    default:
      return [{ path, schema, type: def.type }];
  }
}
