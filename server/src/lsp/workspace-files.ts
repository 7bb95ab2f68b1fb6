import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { indexText } from '../core/workspace/index-texts';
import { walkYamlFiles, YAML_FILE } from '../fs/walk-yaml';
import { MapWorkspaceIndex, type IndexedWorkflowTemplate, type WorkspaceIndex } from '../core/workspace/template-summary';

const MAX_FILES = 5000;
const MAX_BYTES = 2 * 1024 * 1024;
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.cache', 'vendor']);

/**
 * The WorkflowTemplates / ClusterWorkflowTemplates of the workspace, from the files on disk and the
 * open documents (an open document's text wins over its file).
 */
export class WorkspaceFiles {
  private readonly onDisk = new Map<string, IndexedWorkflowTemplate[]>();
  private readonly open = new Map<string, IndexedWorkflowTemplate[]>();
  private readonly yamlFiles = new Set<string>();
  private cached: MapWorkspaceIndex | undefined;
  private versionNo = 0;

  get version(): number {
    return this.versionNo;
  }

  /** Scans the workspace folders (bounded in files and size). Returns the number of YAML files seen. */
  scan(rootUris: readonly string[]): number {
    for (const root of rootUris) {
      if (!root.startsWith('file:')) continue;
      walkYamlFiles(fileURLToPath(root), { skipDirs: SKIP, skipHidden: true, maxDepth: 12, maxBytes: MAX_BYTES }, (full) => {
        const uri = pathToFileURL(full).toString();
        this.yamlFiles.add(uri);
        this.readFile(uri);
        return this.yamlFiles.size < MAX_FILES;
      });
    }
    this.changed();
    return this.yamlFiles.size;
  }

  private readFile(uri: string): void {
    try {
      const entries = indexText(uri, readFileSync(fileURLToPath(uri), 'utf8'));
      if (entries.length) this.onDisk.set(uri, entries);
      else this.onDisk.delete(uri);
    } catch {
      this.onDisk.delete(uri);
    }
  }

  /** A file changed, was created or deleted on disk. */
  fileChanged(uri: string, deleted: boolean): void {
    if (deleted) {
      this.onDisk.delete(uri);
      this.yamlFiles.delete(uri);
    } else if (YAML_FILE.test(uri)) {
      this.yamlFiles.add(uri);
      this.readFile(uri);
    }
    this.changed();
  }

  /** An open document's current text. Returns true when its templates changed. */
  documentChanged(uri: string, text: string): boolean {
    const entries = indexText(uri, text);
    const before = JSON.stringify(this.open.get(uri) ?? this.onDisk.get(uri) ?? []);
    if (entries.length) this.open.set(uri, entries);
    else this.open.set(uri, []);
    const changed = before !== JSON.stringify(entries);
    if (changed) this.changed();
    return changed;
  }

  documentClosed(uri: string): void {
    if (this.open.delete(uri)) this.changed();
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

  index(): WorkspaceIndex {
    this.cached ??= new MapWorkspaceIndex(this.entries());
    return this.cached;
  }

  private changed(): void {
    this.cached = undefined;
    this.versionNo++;
  }
}
