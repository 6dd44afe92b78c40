import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDigest } from '@ecs-deploy/oci';

/** A manifest revision found in the registry's storage, with its tags and link time. */
export interface StorageRevision {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly linkedAt: Date;
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function readLink(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return isDigest(text) ? text : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Lists a repository's manifests by reading distribution's filesystem layout, read-only:
 * `<root>/docker/registry/v2/repositories/<repo>/_manifests/revisions/sha256/<hex>/link` for
 * every manifest (tagged or not — the HTTP API cannot list untagged ones) and
 * `…/_manifests/tags/<tag>/current/link` for tags. This is distribution 2.x's on-disk format.
 */
export async function readStorageRevisions(
  storageDir: string,
  repository: string,
): Promise<StorageRevision[]> {
  const manifestsDir = join(
    storageDir,
    'docker/registry/v2/repositories',
    ...repository.split('/'),
    '_manifests',
  );
  const tagsByDigest = new Map<string, string[]>();
  for (const tag of await entries(join(manifestsDir, 'tags'))) {
    const digest = await readLink(join(manifestsDir, 'tags', tag, 'current', 'link'));
    if (digest !== undefined) tagsByDigest.set(digest, [...(tagsByDigest.get(digest) ?? []), tag]);
  }
  const revisions: StorageRevision[] = [];
  const revisionsDir = join(manifestsDir, 'revisions', 'sha256');
  for (const hex of await entries(revisionsDir)) {
    const link = join(revisionsDir, hex, 'link');
    const digest = await readLink(link);
    if (digest === undefined) continue; // deleted manifests leave an empty directory behind
    const { mtime } = await stat(link);
    revisions.push({ digest, tags: (tagsByDigest.get(digest) ?? []).sort(), linkedAt: mtime });
  }
  return revisions;
}
