import type { AwsSettings } from './config.js';
import { AwsError, classifyAwsError } from './errors.js';
import { explainFailure, type InputMap } from './explain.js';
import { sdkStsApi } from './sts.js';

/** A resolver of the account the credentials belong to (undefined when it cannot be told). */
export type AccountLookup = (settings: AwsSettings) => Promise<string | undefined>;

/**
 * One action's way of explaining AWS failures by its inputs, shared by all its clients (give the
 * same one to `sdkEcsApi`, `sdkEcrApi`, `sdkElbApi`). Holds what it learnt during the step: the
 * services it has seen, and the account once looked up.
 */
export class AwsExplainer {
  private readonly seen = new Set<string>();
  private account: Promise<string | undefined> | undefined;

  constructor(
    readonly inputs: InputMap,
    private readonly lookupAccount?: AccountLookup,
  ) {}

  /** The classified, explained error for a call that threw. */
  async explain(
    error: unknown,
    operation: string,
    params: object,
    settings: AwsSettings,
  ): Promise<AwsError> {
    const classified = classifyAwsError(error, operation);
    if (classified.explanation !== undefined) return classified;
    const call = {
      operation,
      params: params as Record<string, unknown>,
      code: classified.code,
      message: classified.awsMessage,
      region: settings.region,
    };
    let explanation = explainFailure(call, this.inputs);
    // Only a failure blamed on an input is worth a GetCallerIdentity (which needs no permission).
    if (explanation?.wantsAccount === true && explanation.input !== undefined) {
      const account = await this.accountOf(settings);
      if (account !== undefined) explanation = explainFailure({ ...call, account }, this.inputs);
    }
    return explanation === undefined ? classified : classified.explained(explanation);
  }

  /**
   * DescribeServices answers a missing service in `failures[]`, not as an error. A service this
   * step has never seen is a wrong input (an error, explained); one seen before and now MISSING was
   * deleted meanwhile, which the follower reports itself, so that answer passes through.
   */
  checkServices(
    params: { cluster?: string | undefined; services?: string[] | undefined },
    answer: {
      services?: { serviceName?: string | undefined }[] | undefined;
      failures?: { arn?: string | undefined; reason?: string | undefined }[] | undefined;
    },
    settings: AwsSettings,
  ): void {
    const key = (name: string): string => `${params.cluster ?? 'default'}/${lastSegment(name)}`;
    for (const service of answer.services ?? [])
      if (service.serviceName !== undefined) this.seen.add(key(service.serviceName));
    const missing = (answer.failures ?? []).find(
      (f) => f.reason === 'MISSING' && f.arn !== undefined && !this.seen.has(key(f.arn)),
    );
    if (missing?.arn === undefined) return;
    const requested =
      (params.services ?? []).find((s) => lastSegment(s) === lastSegment(missing.arn ?? '')) ??
      lastSegment(missing.arn);
    const account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(missing.arn)?.[1];
    const error = new AwsError(
      'not-found',
      'ecs:DescribeServices',
      'MISSING',
      `failures[] lists ${missing.arn} as MISSING`,
    );
    const explanation = explainFailure(
      {
        operation: error.operation,
        params: { ...params, services: [requested] },
        code: 'MISSING',
        message: error.awsMessage,
        region: settings.region,
        ...(account === undefined ? {} : { account }),
      },
      this.inputs,
    );
    throw explanation === undefined ? error : error.explained(explanation);
  }

  private accountOf(settings: AwsSettings): Promise<string | undefined> {
    this.account ??= (this.lookupAccount?.(settings) ?? Promise.resolve(undefined)).catch(
      () => undefined,
    );
    return this.account;
  }
}

const lastSegment = (s: string): string => s.slice(s.lastIndexOf('/') + 1);

/**
 * Runs one SDK call; a failure becomes a classified AwsError, explained by the action's inputs
 * when an explainer is given.
 */
export async function explainedCall<T>(
  settings: AwsSettings,
  explainer: AwsExplainer | undefined,
  operation: string,
  params: object,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw explainer === undefined
      ? classifyAwsError(error, operation)
      : await explainer.explain(error, operation, params, settings);
  }
}

/**
 * The explainer an action wires into its clients: `inputs.params` maps request parameters to its
 * inputs. The account is looked up with STS GetCallerIdentity (no permission needed; AWS STS API
 * reference), once, and only to explain a failure blamed on an input.
 */
export function awsExplainer(inputs: InputMap): AwsExplainer {
  return new AwsExplainer(inputs, async (settings) => {
    const { account } = await sdkStsApi({ ...settings, maxAttempts: 1 }).callerIdentity();
    return account === '' ? undefined : account;
  });
}
