import type { AwsSettings } from './config.js';
import { AwsError, classifyAwsError } from './errors.js';
import { lastSegment } from './explain-params.js';
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
   * DescribeServices answers a missing service in `failures[]` (MISSING), and a deleted one with
   * status DRAINING or INACTIVE, not as an error. A service this step has never seen ACTIVE is then
   * a wrong input (an error, explained); one seen ACTIVE before was deleted meanwhile, which the
   * follower reports itself, so that answer passes through.
   */
  checkServices(
    params: { cluster?: string | undefined; services?: string[] | undefined },
    answer: {
      services?: { serviceName?: string | undefined; status?: string | undefined }[] | undefined;
      failures?: { arn?: string | undefined; reason?: string | undefined }[] | undefined;
    },
    settings: AwsSettings,
  ): void {
    const key = (name: string): string => `${params.cluster ?? 'default'}/${lastSegment(name)}`;
    const problems: { name: string; code: string; detail: string; account?: string }[] = [];
    for (const service of answer.services ?? []) {
      if (service.serviceName === undefined) continue;
      if (service.status === 'ACTIVE') this.seen.add(key(service.serviceName));
      else if (!this.seen.has(key(service.serviceName)))
        problems.push({
          name: service.serviceName,
          code: service.status ?? 'UNKNOWN',
          detail: `services[] lists ${service.serviceName} with status ${service.status ?? '?'}`,
        });
    }
    for (const failure of answer.failures ?? []) {
      if (failure.reason !== 'MISSING' || failure.arn === undefined) continue;
      if (this.seen.has(key(failure.arn))) continue;
      const account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(failure.arn)?.[1];
      problems.push({
        name: failure.arn,
        code: 'MISSING',
        detail: `failures[] lists ${failure.arn} as MISSING`,
        ...(account === undefined ? {} : { account }),
      });
    }
    const [problem] = problems;
    if (problem === undefined) return;
    const requested =
      (params.services ?? []).find((s) => lastSegment(s) === lastSegment(problem.name)) ??
      lastSegment(problem.name);
    const error = new AwsError('not-found', 'ecs:DescribeServices', problem.code, problem.detail);
    const explanation = explainFailure(
      {
        operation: error.operation,
        params: { ...params, services: [requested] },
        code: problem.code,
        message: problem.detail,
        region: settings.region,
        ...(problem.account === undefined ? {} : { account: problem.account }),
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
