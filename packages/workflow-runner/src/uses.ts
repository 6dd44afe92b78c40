/** What a step's `uses:` points at. */
export type UsesTarget =
  /** `./actions/<name>`: an action in the repository under test. */
  | { readonly kind: 'local'; readonly path: string }
  /** `<own repo>/actions/<name>@ref`: this product's published form, run from the local copy. */
  | { readonly kind: 'own'; readonly path: string; readonly ref: string }
  /** `owner/repo[/path]@ref`: anything else, run through a stand-in. */
  | {
      readonly kind: 'remote';
      readonly repository: string;
      readonly path: string;
      readonly ref: string;
    }
  | { readonly kind: 'docker'; readonly image: string };

/** Parses `uses:`; `ownRepository` is the product's `owner/repo` (case-insensitive). */
export function parseUses(uses: string, ownRepository: string): UsesTarget {
  if (uses.startsWith('./') || uses.startsWith('$/'))
    return { kind: 'local', path: uses.slice(2).replace(/\/+$/, '') };
  if (uses.startsWith('docker://'))
    return { kind: 'docker', image: uses.slice('docker://'.length) };
  const at = uses.lastIndexOf('@');
  const name = at < 0 ? uses : uses.slice(0, at);
  const ref = at < 0 ? '' : uses.slice(at + 1);
  const [owner = '', repo = '', ...rest] = name.split('/');
  if (owner === '' || repo === '' || ref === '')
    throw new Error(`'uses: ${uses}' is not of the form owner/repo[/path]@ref or ./path`);
  const repository = `${owner}/${repo}`;
  const path = rest.join('/');
  if (repository.toLowerCase() === ownRepository.toLowerCase()) return { kind: 'own', path, ref };
  return { kind: 'remote', repository, path, ref };
}

/** True for a full 40-hex commit sha, the only immutable way to pin an action. */
export function isFullSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}
