import { RegistryHttpError, parseDistributionErrors } from '../errors.js';
import { readBody, type HttpTransport } from './transport.js';

/** Registry credentials (for ECR: user `AWS`, password from GetAuthorizationToken). */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** A parsed `WWW-Authenticate` challenge. */
export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (or Basic). */
export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match?.[1]) return undefined;
  const params: Record<string, string> = {};
  const paramRe = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g;
  for (const m of (match[2] ?? '').matchAll(paramRe)) {
    if (m[1]) params[m[1].toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: match[1].toLowerCase(), params };
}

/** `Basic <base64(user:password)>`. */
export function basicAuthorization(credentials: Credentials): string {
  const raw = `${credentials.username}:${credentials.password}`;
  return `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
}

/**
 * Decides the Authorization header of each request. Basic credentials are sent up front (one
 * round trip fewer); a Bearer challenge switches to tokens fetched from the challenge's realm,
 * cached per scope.
 */
export class Authenticator {
  private readonly tokens = new Map<string, string>();
  private bearer = false;

  constructor(
    private readonly transport: HttpTransport,
    private readonly credentials: Credentials | undefined,
  ) {}

  /** The header for a request in `scope` (e.g. `repository:web:pull,push`), if any. */
  authorization(scope: string): string | undefined {
    if (this.bearer) {
      const token = this.tokens.get(scope);
      return token === undefined ? undefined : `Bearer ${token}`;
    }
    return this.credentials ? basicAuthorization(this.credentials) : undefined;
  }

  /**
   * Reacts to a 401: returns true when the request should be repeated with new authorization
   * (a bearer token was obtained), false when the credentials were simply refused.
   */
  async onUnauthorized(wwwAuthenticate: string | undefined, scope: string): Promise<boolean> {
    const challenge = wwwAuthenticate === undefined ? undefined : parseChallenge(wwwAuthenticate);
    if (challenge?.scheme !== 'bearer') return false;
    const realm = challenge.params.realm;
    if (realm === undefined) return false;
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope ?? scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credentials) headers.authorization = basicAuthorization(this.credentials);
    const res = await this.transport.request({ method: 'GET', url: url.toString(), headers });
    const body = await readBody(res.body, 1024 * 1024);
    if (res.status !== 200) {
      throw new RegistryHttpError('GET', url.toString(), res.status, parseDistributionErrors(body));
    }
    const parsed = JSON.parse(body.toString('utf8')) as { token?: string; access_token?: string };
    const token = parsed.token ?? parsed.access_token;
    if (token === undefined) return false;
    const hadToken = this.bearer && this.tokens.get(scope) === token;
    this.bearer = true;
    this.tokens.set(scope, token);
    return !hadToken;
  }
}
