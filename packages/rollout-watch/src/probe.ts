import type { ProbeResult } from '@ecs-deploy/deployment';

/** An HTTP health check of the deployed application, e.g. `https://dev.example.com/api/health`. */
export interface ProbeSettings {
  readonly url: string;
  /** Status codes that count as healthy (default: any 2xx). */
  readonly expectStatus?: readonly number[];
  /** A pattern the body must match, when set. */
  readonly bodyPattern?: RegExp;
  /** Per-request time limit. */
  readonly timeoutMs: number;
  /** How long the probe may keep failing after ECS reports healthy before the deployment fails. */
  readonly graceMs?: number;
}

/** One probe. Failures are results, never exceptions: the follower owns the retry budget. */
export async function probeOnce(
  settings: ProbeSettings,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const { url } = settings;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  try {
    const response = await fetch(url, {
      redirect: 'follow',
      headers: { 'user-agent': 'ecs-deploy-actions wait-healthy' },
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
    });
    const body = settings.bodyPattern === undefined ? '' : await response.text();
    const statusOk =
      settings.expectStatus === undefined
        ? response.status >= 200 && response.status < 300
        : settings.expectStatus.includes(response.status);
    const bodyMatched =
      settings.bodyPattern === undefined ? undefined : settings.bodyPattern.test(body);
    return {
      ok: statusOk && bodyMatched !== false,
      url,
      status: response.status,
      ...(bodyMatched === undefined ? {} : { bodyMatched }),
    };
  } catch (error) {
    return {
      ok: false,
      url,
      error: timeout.aborted ? `no answer within ${settings.timeoutMs} ms` : networkReason(error),
    };
  }
}

interface ErrorLike {
  message?: string;
  code?: string;
  cause?: ErrorLike;
  errors?: ErrorLike[];
}

/** The most specific reason fetch gives (`ECONNREFUSED`…), deep in its cause chain. */
function networkReason(error: unknown): string {
  let current = error as ErrorLike | undefined;
  let reason = current?.message ?? String(error);
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const code = current.code ?? current.errors?.[0]?.code;
    if (code !== undefined) return code;
    if (current.message !== undefined) reason = current.message;
    current = current.cause;
  }
  return reason;
}
