/** An image reference split into its parts. */
export interface ImageRef {
  /** Registry host (with port), or undefined for Docker Hub short names. */
  host?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `host/repo:tag@sha256:…` (any part but the repository optional). */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let host: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      host = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return {
    repository: rest,
    ...(host !== undefined ? { host } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

const ECR_HOST = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/;

/** True when the host names our registry: its own `host:port` (any loopback alias) or an ECR host. */
export function isOurRegistry(host: string | undefined, registryHost: string): boolean {
  if (host === undefined) return false;
  if (ECR_HOST.test(host)) return true;
  const port = (h: string): string => h.slice(h.lastIndexOf(':') + 1);
  const loopback = (h: string): boolean => /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(h);
  return (
    host === registryHost ||
    (loopback(host) && loopback(registryHost) && port(host) === port(registryHost))
  );
}
