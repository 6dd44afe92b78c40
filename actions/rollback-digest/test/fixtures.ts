// A recorded ECS history behind a plain-object EcsApi: the shapes ListServiceDeployments,
// DescribeServiceDeployments and DescribeServiceRevisions return, newest first.
import type { EcsApi } from '@ecs-deploy/aws';

/** A digest per version name, e.g. D('v1'). */
export function D(version: string): string {
  const hex = Buffer.from(version).toString('hex');
  return `sha256:${hex.padEnd(64, '0').slice(0, 64)}`;
}

/** One recorded deployment: id, status, the version it targeted, and (rollbacks) the one it went back to. */
export type Recorded = readonly [id: string, status: string, version: string, rollbackTo?: string];

const SD = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/c/web/';
const SR = 'arn:aws:ecs:us-east-1:123456789012:service-revision/c/web/';
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:';

/** The service-revision ARN of a version (one revision per version, task definition web:<n>). */
export const revisionArn = (version: string): string => `${SR}${version}`;
/** The service-deployment ARN of a recorded id. */
export const deploymentArn = (id: string): string => `${SD}${id}`;
/** The task definition a version ran: `web:<digits of the version>` (v2 → web:2). */
export const taskDefinitionArn = (version: string): string =>
  `${TD}${version.replace(/\D/g, '') || '99'}`;

/** A version's revision: container `app` (and `sidecar` when `sidecar` is given). */
function revision(version: string, sidecar?: string): object {
  return {
    serviceRevisionArn: revisionArn(version),
    taskDefinition: taskDefinitionArn(version),
    containerImages: [
      { containerName: 'app', image: `registry.test/web:${version}`, imageDigest: D(version) },
      ...(sidecar === undefined
        ? []
        : [{ containerName: 'sidecar', image: 'registry.test/proxy:1', imageDigest: D(sidecar) }]),
    ],
  };
}

/** A fake EcsApi answering from `records`, paging by 2 to exercise nextToken; `calls` counts. */
export function recordedEcs(
  records: readonly Recorded[],
  calls: string[] = [],
  sidecar?: string,
): EcsApi {
  const answer = <T>(name: string, value: unknown): Promise<T> => {
    calls.push(name);
    return Promise.resolve(value as T);
  };
  const unused = (): Promise<never> => Promise.reject(new Error('not recorded'));
  return {
    listServiceDeployments: ({ nextToken }) => {
      const start = Number(nextToken ?? '0');
      const page = records.slice(start, start + 2).map(([id, status, version], i) => ({
        serviceDeploymentArn: deploymentArn(id),
        status,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, records.length - start - i)),
        targetServiceRevisionArn: revisionArn(version),
      }));
      const more = start + 2 < records.length;
      return answer('ListServiceDeployments', {
        serviceDeployments: page,
        ...(more ? { nextToken: String(start + 2) } : {}),
      });
    },
    describeServiceDeployments: ({ serviceDeploymentArns }) =>
      answer('DescribeServiceDeployments', {
        serviceDeployments: records
          .filter(([id]) => serviceDeploymentArns?.includes(deploymentArn(id)))
          .map(([id, status, , back]) => ({
            serviceDeploymentArn: deploymentArn(id),
            status,
            ...(back === undefined ? {} : { rollback: { serviceRevisionArn: revisionArn(back) } }),
          })),
        failures: [],
      }),
    describeServiceRevisions: ({ serviceRevisionArns }) =>
      answer('DescribeServiceRevisions', {
        serviceRevisions: (serviceRevisionArns ?? []).map((arn) =>
          revision(arn.slice(SR.length), sidecar),
        ),
        failures: [],
      }),
    describeServices: unused,
    updateService: unused,
    describeTaskDefinition: unused,
    registerTaskDefinition: unused,
    listTaskDefinitions: unused,
    deregisterTaskDefinition: unused,
    listTasks: unused,
    describeTasks: unused,
    stopServiceDeployment: unused,
    runTask: unused,
    stopTask: unused,
  };
}
