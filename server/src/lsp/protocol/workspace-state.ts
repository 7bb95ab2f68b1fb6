import type { IndexedWorkflowTemplate } from '../../core/workspace/template-summary';

/**
 * The workspace's WorkflowTemplates / ClusterWorkflowTemplates as data: what the workers found in
 * files on disk and in open documents (an open document's entries win over its file's). The
 * protocol thread only stores and forwards them; workers parse.
 */
export class WorkspaceState {
  private readonly onDisk = new Map<string, IndexedWorkflowTemplate[]>();
  private readonly open = new Map<string, IndexedWorkflowTemplate[]>();
  private readonly yamlFiles = new Set<string>();
  private versionNo = 0;

  get version(): number {
    return this.versionNo;
  }

  /**
   * Entries of an open document's current text: `changed` when what the checks read changed,
   * `moved` when only source ranges did (they move with every edit above a template).
   */
  setOpen(uri: string, entries: IndexedWorkflowTemplate[]): 'unchanged' | 'moved' | 'changed' {
    const before = this.open.get(uri) ?? this.onDisk.get(uri) ?? [];
    this.open.set(uri, entries);
    if (!this.changedIf(JSON.stringify(before) !== JSON.stringify(entries))) return 'unchanged';
    return withoutRanges(before) === withoutRanges(entries) ? 'moved' : 'changed';
  }

  /** The document was closed: its file's entries count again. */
  closeOpen(uri: string): boolean {
    const before = this.open.get(uri);
    if (!before) return false;
    this.open.delete(uri);
    return this.changedIf(JSON.stringify(before) !== JSON.stringify(this.onDisk.get(uri) ?? []));
  }

  /** Entries of a file on disk (after a scan or a change). Returns true when they changed. */
  setDisk(uri: string, entries: IndexedWorkflowTemplate[]): boolean {
    this.yamlFiles.add(uri);
    const before = this.onDisk.get(uri) ?? [];
    if (entries.length) this.onDisk.set(uri, entries);
    else this.onDisk.delete(uri);
    return this.changedIf(!this.open.has(uri) && JSON.stringify(before) !== JSON.stringify(entries));
  }

  deleteFile(uri: string): boolean {
    this.yamlFiles.delete(uri);
    const had = this.onDisk.delete(uri);
    return this.changedIf(had && !this.open.has(uri));
  }

  /** URIs of the workspace's YAML files (for cross-file references). */
  files(): string[] {
    return [...this.yamlFiles];
  }

  entries(): IndexedWorkflowTemplate[] {
    const out: IndexedWorkflowTemplate[] = [];
    for (const [uri, list] of this.open) out.push(...list.map((e) => ({ ...e, uri })));
    for (const [uri, list] of this.onDisk) if (!this.open.has(uri)) out.push(...list);
    return out;
  }

  private changedIf(changed: boolean): boolean {
    if (changed) this.versionNo++;
    return changed;
  }
}

/** The entries as the checks read them: without source ranges (those serve go-to-definition only). */
function withoutRanges(entries: readonly IndexedWorkflowTemplate[]): string {
  return JSON.stringify(entries, (key: string, value: unknown) => (key === 'range' || key.endsWith('Range') ? undefined : value));
}
