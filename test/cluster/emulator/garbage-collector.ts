// The garbage collector: when an object is deleted, delete what it owns (ownerReferences by uid) and,
// for a namespace, everything in it. Runs synchronously on store DELETED events.

import { resources } from './resources.js';
import type { ObjectStore } from './store.js';

export function startGarbageCollector(store: ObjectStore): () => void {
  return store.subscribe((ev) => {
    if (ev.type !== 'DELETED') return;
    const uid = ev.object.metadata.uid;
    const isNamespace = ev.def.group === '' && ev.def.plural === 'namespaces';
    for (const def of resources) {
      if (!def.namespaced) continue;
      for (const o of store.list(def, isNamespace ? ev.object.metadata.name : ev.object.metadata.namespace)) {
        const owned = o.metadata.ownerReferences?.some((r) => r.uid === uid) ?? false;
        if (!owned && !isNamespace) continue;
        if (store.get(def, o.metadata.namespace, o.metadata.name ?? '')) store.delete(def, o.metadata.namespace, o.metadata.name ?? '');
      }
    }
  });
}
