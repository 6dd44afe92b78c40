/** One entry of a distribution API error body (`{"errors":[{code,message,detail}]}`). */
export interface DistributionErrorEntry {
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

const STATUS_CODES: Readonly<Record<number, string>> = {
  401: 'UNAUTHORIZED',
  403: 'DENIED',
  429: 'TOOMANYREQUESTS',
};

/** A registry answered with an unexpected HTTP status. Never carries credentials. */
export class RegistryHttpError extends Error {
  /** The first distribution error code in the body (e.g. MANIFEST_BLOB_UNKNOWN), if any. */
  readonly code: string | undefined;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly errors: readonly DistributionErrorEntry[],
  ) {
    const first = errors[0];
    // HEAD answers have no body: fall back to the code the status implies.
    const code = first?.code ?? STATUS_CODES[status];
    const what = first ? `${first.code}: ${first.message}` : (code ?? `HTTP ${status}`);
    super(`${method} ${redactUrl(url)} failed with ${status} (${what})`);
    this.name = 'RegistryHttpError';
    this.code = code;
  }
}

/** Bytes read did not hash to the digest they were asked for (or announced). */
export class DigestMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    what: string,
  ) {
    super(`${what}: expected digest ${expected} but content hashes to ${actual}`);
    this.name = 'DigestMismatchError';
  }
}

/** A manifest or index document is malformed. */
export class ManifestFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestFormatError';
  }
}

/** An image source (OCI layout, archive, docker-archive) is malformed or incomplete. */
export class ImageSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageSourceError';
  }
}

/** A tar stream is malformed (bad checksum, truncated entry, bad pax record). */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/** Strips user-info and upload state tokens from a URL before it lands in a message. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    if (u.searchParams.has('_state')) u.searchParams.set('_state', '…');
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Parses a distribution error body; anything else gives an empty list. */
export function parseDistributionErrors(body: Buffer): DistributionErrorEntry[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.flatMap((e: unknown) => {
      if (typeof e !== 'object' || e === null) return [];
      const { code, message, detail } = e as Record<string, unknown>;
      return typeof code === 'string'
        ? [{ code, message: typeof message === 'string' ? message : '', detail }]
        : [];
    });
  } catch {
    return [];
  }
}
