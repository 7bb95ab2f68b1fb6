import { fileURLToPath } from 'node:url';
import { indexText } from '../../../core/workspace';
import type { IndexFilesResult } from '../../shared/messages';
import { readTextFileBoundedSync } from '../../../fs/walk-yaml';

/** Indexes the WorkflowTemplates of files on disk (regular files only, bounded in size). */
export function indexFiles(uris: readonly string[], maxBytes: number): IndexFilesResult {
  const files: { uri: string; templates: ReturnType<typeof indexText>; skipped?: string }[] = [];
  for (const uri of uris) {
    const read = readTextFileBoundedSync(fileURLToPath(uri), maxBytes);
    if (typeof read !== 'string') files.push({ uri, templates: [], skipped: read.error });
    else files.push({ uri, templates: indexText(uri, read) });
  }
  return { files };
}
