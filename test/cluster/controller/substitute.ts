// `{{...}}` parameter substitution (Argo's template.Replace with unresolved tags left in place), and
// loop item expansion names (`name(i:value)`, operator.go processItem).

import { isJsonObject, type JsonValue } from '../emulator/types.js';

export type Scope = Record<string, string>;

export function replaceString(s: string, scope: Scope): string {
  return s.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => (key in scope ? scope[key] : whole));
}

/** Substitutes in every string of a JSON value (keys untouched). */
export function substitute<T>(value: T, scope: Scope): T {
  const walk = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return replaceString(v, scope);
    if (Array.isArray(v)) return v.map(walk);
    if (isJsonObject(v)) {
      const out: Record<string, JsonValue> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value as JsonValue) as T;
}

function itemText(v: JsonValue): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The expanded step/task name and the `{{item...}}` scope for one loop item. */
export function expandItem(name: string, index: number, item: JsonValue): { name: string; scope: Scope } {
  if (isJsonObject(item)) {
    const scope: Scope = { item: JSON.stringify(item) };
    const vals: string[] = [];
    for (const [k, v] of Object.entries(item)) {
      if (v === undefined) continue;
      scope[`item.${k}`] = itemText(v);
      vals.push(`${k}:${itemText(v)}`);
    }
    vals.sort();
    return { name: `${name}(${index}:${vals.join(',')})`, scope };
  }
  const text = itemText(item);
  return { name: `${name}(${index}:${text})`, scope: { item: text } };
}

export function sequenceItems(seq: { count?: string | number; start?: string | number; end?: string | number; format?: string }): string[] {
  const start = Number(seq.start ?? 0);
  let end: number;
  if (seq.count !== undefined) end = start + Number(seq.count) - 1;
  else end = Number(seq.end ?? 0);
  const out: string[] = [];
  const step = end >= start ? 1 : -1;
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) {
    out.push(seq.format ? seq.format.replace(/%0?(\d*)d/, (_m, w: string) => String(i).padStart(Number(w || 0), '0')) : String(i));
  }
  return out;
}
