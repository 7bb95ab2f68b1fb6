import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describeKind, errorMessage, identity, isInside, notRegularReason } from './file-kind';
import { YAML_FILE } from './yaml-name';

export interface YamlWalkOptions {
  /** Names (of directories or files) not entered, e.g. node_modules. */
  readonly skipDirs?: ReadonlySet<string>;
  /** Also pass over names starting with a dot. */
  readonly skipHidden?: boolean;
  /** Directories deeper than this below the root are not entered (the root is depth 0). */
  readonly maxDepth?: number;
  /** Files larger than this are skipped (with a reason). */
  readonly maxBytes?: number;
  /** Stop (truncated) when one more file than this is found. */
  readonly maxFiles?: number;
  /** Stop (truncated) when the walk has taken this many milliseconds, counted from the call. */
  readonly deadlineMs?: number;
  /** Stop (truncated: "aborted") when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Why a path was passed over. `duplicate`: a directory or file already seen under another name (a
 * symlink loop, a second link): its content is covered. The others mean content was not looked at.
 */
export type YamlSkipKind = 'unreadable' | 'not-regular' | 'too-large' | 'outside-root' | 'depth' | 'duplicate';

export interface YamlWalkSkip {
  readonly path: string;
  readonly reason: string;
  readonly kind: YamlSkipKind;
}

export interface YamlWalkResult {
  /** Regular *.yaml / *.yml files, each once, as paths joined onto `root`, in name order (depth first). */
  readonly files: string[];
  readonly skipped: YamlWalkSkip[];
  /** Why the walk stopped early (file limit, time limit, aborted); absent when it was complete. */
  readonly truncated?: string;
}

type StatOrError = { readonly st: Stats } | { readonly e: unknown };

const STAT_BATCH = 32;

class Walk {
  readonly files: string[] = [];
  readonly skipped: YamlWalkSkip[] = [];
  truncated: string | undefined;
  private readonly dirsSeen = new Set<string>();
  private readonly filesSeen = new Map<string, string>();
  private readonly started = performance.now();

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
    private readonly opts: YamlWalkOptions,
  ) {}

  private skip(path: string, kind: YamlSkipKind, reason: string): void {
    this.skipped.push({ path, kind, reason });
  }

  private stopped(): boolean {
    if (this.truncated !== undefined) return true;
    const { signal, deadlineMs } = this.opts;
    if (signal?.aborted) this.truncated = 'aborted';
    else if (deadlineMs !== undefined && performance.now() - this.started > deadlineMs) this.truncated = `time limit (${deadlineMs} ms)`;
    return this.truncated !== undefined;
  }

  async enterDir(path: string, st: Stats, depth: number): Promise<void> {
    this.dirsSeen.add(identity(st));
    await nextTurn(); // one directory per turn of the event loop
    if (this.stopped()) return;
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (e) {
      this.skip(path, 'unreadable', `cannot list directory: ${errorMessage(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const { skipDirs, skipHidden } = this.opts;
    const wanted = entries.filter((ent) => {
      if (skipDirs?.has(ent.name) || (skipHidden && ent.name.startsWith('.'))) return false;
      return ent.isDirectory() || ent.isSymbolicLink() || YAML_FILE.test(ent.name);
    });
    // stat() a batch of entries at once (fewer round trips to the thread pool), then judge them in order.
    for (let i = 0; i < wanted.length; i += STAT_BATCH) {
      const batch = wanted.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(
        batch.map((ent) =>
          stat(join(path, ent.name)).then(
            (st): StatOrError => ({ st }),
            (e: unknown): StatOrError => ({ e }),
          ),
        ),
      );
      for (let j = 0; j < batch.length; j++) {
        if (this.stopped()) return;
        await this.entry(join(path, batch[j].name), batch[j], stats[j], depth);
      }
    }
  }

  /** A directory entry: judged by what it is, or for a symlink by what it points to. */
  private async entry(full: string, ent: Dirent, stated: StatOrError, depth: number): Promise<void> {
    const link = ent.isSymbolicLink();
    const yaml = YAML_FILE.test(ent.name);
    if (!('st' in stated)) {
      const why = errorMessage(stated.e);
      if (yaml || ent.isDirectory()) this.skip(full, 'unreadable', link ? `broken symbolic link (${why})` : why);
      return;
    }
    const st = stated.st;
    if (st.isDirectory()) {
      if (this.dirsSeen.has(identity(st))) this.skip(full, 'duplicate', 'directory already visited (a symbolic link loop or a second link to it)');
      else if (link && !(await this.inside(full))) return;
      else if (depth + 1 > (this.opts.maxDepth ?? Infinity)) this.skip(full, 'depth', `deeper than ${this.opts.maxDepth} directories below the root`);
      else await this.enterDir(full, st, depth + 1);
      return;
    }
    if (!yaml) return;
    if (!st.isFile()) return this.skip(full, 'not-regular', notRegularReason(st));
    if (link && !(await this.inside(full))) return;
    const first = this.filesSeen.get(identity(st));
    if (first !== undefined) return this.skip(full, 'duplicate', `same file as ${first}`);
    const maxBytes = this.opts.maxBytes ?? Infinity;
    if (st.size > maxBytes) return this.skip(full, 'too-large', `file too large (${st.size} bytes; the limit is ${maxBytes})`);
    if (this.files.length >= (this.opts.maxFiles ?? Infinity)) {
      this.truncated = `file limit (more than ${this.opts.maxFiles} YAML files)`;
      return;
    }
    this.filesSeen.set(identity(st), full);
    this.files.push(full);
  }

  /** True when the symlink `full` resolves inside the root; otherwise skipped with the reason. */
  private async inside(full: string): Promise<boolean> {
    let real: string;
    try {
      real = await realpath(full);
    } catch (e) {
      this.skip(full, 'unreadable', errorMessage(e));
      return false;
    }
    if (isInside(this.realRoot, real)) return true;
    this.skip(full, 'outside-root', `symbolic link to ${real}, outside ${this.root}`);
    return false;
  }
}

/**
 * The regular *.yaml / *.yml files below the directory `root`, with fs.promises only (yielding to the
 * event loop between directories). Symlinks are followed and judged by their target; each directory
 * is entered once (by device and inode); nothing outside the root's real path is entered or listed;
 * FIFOs, devices and sockets are never opened. Never throws for file-system errors: they are in
 * `skipped`.
 */
export async function findYamlFilesUnder(root: string, options: YamlWalkOptions = {}): Promise<YamlWalkResult> {
  let st: Stats;
  let realRoot: string;
  try {
    st = await stat(root);
    realRoot = await realpath(root);
  } catch (e) {
    return { files: [], skipped: [{ path: root, kind: 'unreadable', reason: errorMessage(e) }] };
  }
  if (!st.isDirectory())
    return { files: [], skipped: [{ path: root, kind: st.isFile() ? 'unreadable' : 'not-regular', reason: `not a directory (${describeKind(st)})` }] };
  const walk = new Walk(root, realRoot, options);
  await walk.enterDir(root, st, 0);
  return walk.truncated === undefined ? { files: walk.files, skipped: walk.skipped } : { files: walk.files, skipped: walk.skipped, truncated: walk.truncated };
}
