import { fileURLToPath, pathToFileURL } from 'node:url';
import { findYamlFilesUnder, YAML_FILE } from '../../fs/walk-yaml';
import type { IndexFilesResult } from '../shared/messages';
import type { WorkerPool } from './worker-pool';
import type { WorkspaceState } from './workspace-state';

const MAX_FILES = 5000;
const MAX_BYTES = 2 * 1024 * 1024;
const SCAN_DEADLINE_MS = 60_000;
/** Files indexed per worker job: small batches let the user's requests run in between. */
const BATCH = 16;
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', '.cache', 'vendor']);

/**
 * Finds the workspace's WorkflowTemplates without blocking anything: the directory walk is
 * asynchronous (each directory once, regular files only, inside the folder, bounded in files and
 * time), and the files are read and parsed in the workers, a batch at a time, at low priority.
 */
export class WorkspaceIndexer {
  private readonly abort = new AbortController();

  constructor(
    private readonly pool: WorkerPool,
    private readonly state: WorkspaceState,
    private readonly log: (message: string) => void,
    private readonly changed: () => void,
  ) {}

  async scan(rootUris: readonly string[]): Promise<void> {
    const started = Date.now();
    let count = 0;
    for (const root of rootUris) {
      if (!root.startsWith('file:')) continue;
      const walk = await findYamlFilesUnder(fileURLToPath(root), {
        skipDirs: SKIP,
        skipHidden: true,
        maxDepth: 12,
        maxBytes: MAX_BYTES,
        maxFiles: MAX_FILES - count,
        deadlineMs: SCAN_DEADLINE_MS,
        signal: this.abort.signal,
      });
      if (walk.truncated) this.log(`argo-studio: the workspace scan of ${root} stopped early: ${walk.truncated}`);
      const uris = walk.files.map((f) => pathToFileURL(f).toString());
      count += uris.length;
      await this.index(uris);
    }
    if (count > 0) this.log(`argo-studio: indexed ${count} YAML files in ${Date.now() - started} ms`);
    this.changed();
  }

  /** Files created, changed or deleted on disk. */
  filesChanged(changes: readonly { readonly uri: string; readonly deleted: boolean }[]): void {
    let changed = false;
    const toRead: string[] = [];
    for (const c of changes) {
      if (c.deleted) changed = this.state.deleteFile(c.uri) || changed;
      else if (YAML_FILE.test(c.uri)) toRead.push(c.uri);
    }
    void this.index(toRead).then((more) => {
      if (changed || more) this.changed();
    });
  }

  dispose(): void {
    this.abort.abort();
  }

  /** Indexes files in batches; returns true when any entry changed. */
  private async index(uris: readonly string[]): Promise<boolean> {
    let changed = false;
    for (let i = 0; i < uris.length && !this.abort.signal.aborted; i += BATCH) {
      const outcome = await this.pool.run(
        'indexFiles',
        undefined,
        undefined,
        { uris: uris.slice(i, i + BATCH), maxBytes: MAX_BYTES },
        { priority: 3, deadlineMs: 60_000 },
      );
      if (!outcome.ok) {
        this.log(`argo-studio: indexing ${uris.length} files: ${outcome.message.split('\n')[0]}`);
        continue;
      }
      for (const f of (outcome.value as IndexFilesResult).files) {
        if (f.skipped) this.log(`argo-studio: ${f.uri} not indexed: ${f.skipped}`);
        changed = this.state.setDisk(f.uri, f.templates) || changed;
      }
    }
    return changed;
  }
}
