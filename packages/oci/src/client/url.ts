/** Base URL of a registry given as `host:port`, `http://host:port` or `https://host`. */
export function registryBaseUrl(registry: string): string {
  if (/^https?:\/\//.test(registry)) return registry.replace(/\/+$/, '');
  const host = registry.replace(/\/+$/, '');
  // Plain HTTP only where nothing can intercept it: the loopback interface.
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/** Host (with port) of a registry reference, as ECR's proxyEndpoint strips it. */
export function registryHost(registry: string): string {
  return new URL(registryBaseUrl(registry)).host;
}

/** Repository names: lowercase path components separated by `/` (distribution's grammar). */
export function assertRepositoryName(name: string): void {
  const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
  if (!new RegExp(`^${component}(?:/${component})*$`).test(name) || name.length > 255) {
    throw new TypeError(`invalid repository name '${name}'`);
  }
}

/** Tags: up to 128 of [A-Za-z0-9_.-], not starting with `.` or `-`. */
export function isTag(value: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(value);
}

/** Resolves a `Location` header against the request it answered (it may be relative). */
export function resolveLocation(location: string, requestUrl: string): string {
  return new URL(location, requestUrl).toString();
}

/** Adds a query parameter without re-encoding the existing query (distribution's `_state`). */
export function withQuery(url: string, key: string, value: string): string {
  const hashless = url.split('#')[0] ?? url;
  const sep = hashless.includes('?') ? (hashless.endsWith('?') ? '' : '&') : '?';
  return `${hashless}${sep}${key}=${encodeURIComponent(value)}`;
}
