// The object store: one global, monotonically increasing resourceVersion, an event history ring buffer
// for watch replay, and synchronous listeners (open watches, the controller simulator).

import { randomUUID } from 'node:crypto';
import { alreadyExists, ApiError, notFound } from './status.js';
import type { ResourceDef } from './resources.js';
import { apiVersionOf } from './resources.js';
import { clone, type KubeObject } from './types.js';

export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  def: ResourceDef;
  object: KubeObject;
  /** The object before this change (MODIFIED/DELETED); watches with selectors need it. */
  previous?: KubeObject;
  rv: number;
}

export type StoreListener = (ev: StoreEvent) => void;

export interface StoreOptions {
  now: () => number;
  historyLimit?: number;
}

const nameChars = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += nameChars[Math.floor(Math.random() * nameChars.length)];
  return s;
}

function typeKey(def: ResourceDef): string {
  return `${def.group}/${def.plural}`;
}

function objKey(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function withoutMeta(obj: KubeObject): string {
  const { metadata: _m, ...rest } = obj;
  return JSON.stringify(rest);
}

export class ObjectStore {
  private rv = 0;
  private compactedRv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  private readonly historyLimit: number;
  readonly now: () => number;

  constructor(opts: StoreOptions) {
    this.now = opts.now;
    this.historyLimit = opts.historyLimit ?? 2000;
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  /** Parses a client resourceVersion; `undefined` for "" / "0" (meaning: any / most recent). */
  parseResourceVersion(raw: string | null): number | undefined {
    if (raw === null || raw === '' || raw === '0') return undefined;
    if (!/^\d+$/.test(raw))
      throw new ApiError(400, `resourceVersion: Invalid value: "${raw}": strconv.ParseUint: parsing "${raw}": invalid syntax`, 'BadRequest');
    return Number(raw);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(def: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.objects.get(typeKey(def))?.get(objKey(ns, name));
    return o ? clone(o) : undefined;
  }

  mustGet(def: ResourceDef, ns: string | undefined, name: string): KubeObject {
    const o = this.get(def, ns, name);
    if (!o) throw notFound(def.plural, def.group, name);
    return o;
  }

  /** All objects of a type, in one namespace or all; sorted by namespace then name like etcd keys. */
  list(def: ResourceDef, ns?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.objects.get(typeKey(def))?.values() ?? []) {
      if (ns === undefined || o.metadata.namespace === ns) out.push(clone(o));
    }
    return out.sort((a, b) => objKey(a.metadata.namespace, a.metadata.name ?? '').localeCompare(objKey(b.metadata.namespace, b.metadata.name ?? '')));
  }

  create(def: ResourceDef, ns: string | undefined, input: KubeObject): KubeObject {
    const obj = clone(input);
    const meta = obj.metadata ?? {};
    obj.metadata = meta;
    if (!meta.name && meta.generateName) {
      let name = meta.generateName + randomSuffix();
      while (this.get(def, ns, name)) name = meta.generateName + randomSuffix();
      meta.name = name;
    }
    if (!meta.name) {
      throw new ApiError(
        422,
        `${def.kind}${def.group ? '.' + def.group : ''} "" is invalid: metadata.name: Required value: name or generateName is required`,
        'Invalid',
        {
          kind: def.kind,
          group: def.group || undefined,
          causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }],
        },
      );
    }
    if (this.get(def, ns, meta.name)) throw alreadyExists(def.plural, def.group, meta.name);
    obj.apiVersion = apiVersionOf(def);
    obj.kind = def.kind;
    if (def.namespaced) meta.namespace = ns;
    else delete meta.namespace;
    meta.uid = randomUUID();
    meta.generation = 1;
    meta.creationTimestamp = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    delete meta.deletionTimestamp;
    return this.commit('ADDED', def, obj, undefined);
  }

  /** Replaces an object. `expectedRv` gives optimistic concurrency (409 Conflict), like PUT. */
  update(def: ResourceDef, ns: string | undefined, name: string, next: KubeObject, expectedRv?: string): KubeObject {
    const prev = this.objects.get(typeKey(def))?.get(objKey(ns, name));
    if (!prev) throw notFound(def.plural, def.group, name);
    if (expectedRv !== undefined && expectedRv !== '' && expectedRv !== prev.metadata.resourceVersion) {
      throw new ApiError(
        409,
        `Operation cannot be fulfilled on ${def.plural}${def.group ? '.' + def.group : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        'Conflict',
        { name, group: def.group || undefined, kind: def.plural },
      );
    }
    const obj = clone(next);
    obj.apiVersion = prev.apiVersion;
    obj.kind = prev.kind;
    obj.metadata = {
      ...obj.metadata,
      name,
      namespace: prev.metadata.namespace,
      uid: prev.metadata.uid,
      creationTimestamp: prev.metadata.creationTimestamp,
      generation: prev.metadata.generation,
    };
    if (!def.namespaced) delete obj.metadata.namespace;
    if (withoutMeta(obj) !== withoutMeta(prev) && !(def.group === '' && def.plural === 'pods')) obj.metadata.generation = (prev.metadata.generation ?? 1) + 1;
    if (
      JSON.stringify({ ...obj, metadata: { ...obj.metadata, resourceVersion: '' } }) ===
      JSON.stringify({ ...prev, metadata: { ...prev.metadata, resourceVersion: '' } })
    ) {
      return clone(prev); // no-op writes do not bump the resourceVersion, as in the apiserver
    }
    return this.commit('MODIFIED', def, obj, clone(prev));
  }

  /** Read-modify-write helper for server-side writers (controller, kubelet). */
  mutate(def: ResourceDef, ns: string | undefined, name: string, fn: (obj: KubeObject) => void): KubeObject | undefined {
    const cur = this.get(def, ns, name);
    if (!cur) return undefined;
    fn(cur);
    return this.update(def, ns, name, cur);
  }

  delete(def: ResourceDef, ns: string | undefined, name: string): KubeObject {
    const map = this.objects.get(typeKey(def));
    const prev = map?.get(objKey(ns, name));
    if (!map || !prev) throw notFound(def.plural, def.group, name);
    map.delete(objKey(ns, name));
    const obj = clone(prev);
    return this.commit('DELETED', def, obj, clone(prev));
  }

  private commit(type: StoreEvent['type'], def: ResourceDef, obj: KubeObject, previous: KubeObject | undefined): KubeObject {
    this.rv += 1;
    obj.metadata.resourceVersion = String(this.rv);
    if (type !== 'DELETED') {
      let map = this.objects.get(typeKey(def));
      if (!map) this.objects.set(typeKey(def), (map = new Map()));
      map.set(objKey(obj.metadata.namespace, obj.metadata.name ?? ''), clone(obj));
    }
    const ev: StoreEvent = { type, def, object: clone(obj), previous, rv: this.rv };
    this.history.push(ev);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedRv = dropped[dropped.length - 1].rv;
    }
    for (const l of [...this.listeners]) l(ev);
    return clone(obj);
  }

  /** Events after `rv` for replay, or 'expired' when history no longer reaches back that far. */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    return this.history.filter((e) => e.rv > rv);
  }

  /** The oldest resourceVersion a watch can still start from. */
  oldestResourceVersion(): number {
    return this.compactedRv;
  }

  /** Forget all history: any watch from an older resourceVersion gets 410 Expired. */
  expireHistory(): void {
    this.history = [];
    this.compactedRv = this.rv;
  }

  /** A new resourceVersion epoch (as after an etcd restore): every earlier resourceVersion is too old. */
  newEpoch(): void {
    this.rv += 1_000_000;
    this.expireHistory();
    for (const map of this.objects.values()) {
      for (const o of map.values()) o.metadata.resourceVersion = String(++this.rv);
    }
    this.compactedRv = this.rv;
  }
}
