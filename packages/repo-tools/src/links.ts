import { posix } from 'node:path';
import { commentCitations, commentStyle } from './comments.js';
import { headingAnchors, markdownReferences, type Reference } from './markdown.js';

/*
 * `check-docs`: every relative link in the repository's Markdown and every Markdown path cited in
 * a code comment must name a file of the repository, and its `#anchor` a heading of that file.
 * Links to the web (any `scheme:`) are not followed.
 */

/** The repository as the check sees it: its files (relative, `/`-separated) and their text. */
export interface RepositoryView {
  readonly files: readonly string[];
  readonly read: (file: string) => string;
}

/** One reference that does not resolve, and why. */
export interface BrokenLink {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly why: string;
}

/** Files whose links are checked: generated bundles and installed packages are not ours. */
export function isChecked(file: string): boolean {
  return !/(^|\/)(node_modules|dist)\//.test(file);
}

/** Every reference of every checked file that does not resolve, in file and line order. */
export function brokenLinks(repo: RepositoryView): BrokenLink[] {
  const files = new Set(repo.files);
  const folders = new Set(repo.files.flatMap(parentFolders));
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (file: string): Set<string> => {
    let found = anchors.get(file);
    if (found === undefined) {
      found = headingAnchors(repo.read(file));
      anchors.set(file, found);
    }
    return found;
  };
  const broken: BrokenLink[] = [];
  for (const file of [...repo.files].sort()) {
    if (!isChecked(file)) continue;
    for (const reference of referencesOf(file, repo)) {
      const why = problemOf(file, reference, { files, folders, anchorsOf });
      if (why !== undefined)
        broken.push({ file, line: reference.line, target: reference.target, why });
    }
  }
  return broken;
}

function referencesOf(file: string, repo: RepositoryView): Reference[] {
  if (file.endsWith('.md')) return markdownReferences(repo.read(file));
  const style = commentStyle(file);
  return style === undefined ? [] : commentCitations(repo.read(file), style);
}

/** `a/b/c.txt` → `a`, `a/b`. */
function parentFolders(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

interface Lookup {
  readonly files: ReadonlySet<string>;
  readonly folders: ReadonlySet<string>;
  readonly anchorsOf: (file: string) => ReadonlySet<string>;
}

/** Why `reference`, written in `from`, does not resolve; undefined when it does. */
export function problemOf(from: string, reference: Reference, lookup: Lookup): string | undefined {
  const target = reference.target.trim();
  if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return;
  const hash = target.indexOf('#');
  const rawPath = (hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  let path: string;
  let anchor: string | undefined;
  try {
    path = decodeURIComponent(rawPath);
    anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  } catch {
    return 'not a valid URL path';
  }
  const candidates =
    path === ''
      ? [from]
      : reference.kind === 'link'
        ? [path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(from), path)]
        : [posix.join(posix.dirname(from), path), posix.normalize(path)];
  const inside = candidates.map((c) => posix.normalize(c).replace(/\/$/, ''));
  if (inside.every((c) => c === '..' || c.startsWith('../'))) return 'leaves the repository';
  const file = inside.find((c) => lookup.files.has(c));
  if (file === undefined) {
    if (inside.some((c) => lookup.folders.has(c) || c === '.' || c === '')) return;
    return `no such file in the repository (${[...new Set(inside)].join(' or ')})`;
  }
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return;
  const anchors = lookup.anchorsOf(file);
  if (anchors.has(anchor)) return;
  const near = [...anchors].find((a) => a === anchor.toLowerCase());
  return `no heading with anchor #${anchor} in ${file}${near === undefined ? '' : ` (did you mean #${near}?)`}`;
}
