import { describe, expect, it } from '@jest/globals';
import { serviceKey, traceTags } from '../src/index.js';

describe('trace tags', () => {
  it.each([
    ['demo', 'web', 'demo/web'],
    [
      'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      'arn:aws:ecs:us-east-1:123456789012:service/demo/web',
      'demo/web',
    ],
  ])('serviceKey(%s, %s) = %s', (cluster, service, key) => {
    expect(serviceKey(cluster, service)).toBe(key);
  });

  it('traces commit, run, actor and service, leaving out what the runner did not set', () => {
    expect(
      Object.fromEntries(
        traceTags(
          {
            GITHUB_SHA: 'abc',
            GITHUB_REPOSITORY: 'o/r',
            GITHUB_RUN_ID: '9',
            GITHUB_ACTOR: 'a b<c>',
          },
          'demo/web',
        ),
      ),
    ).toEqual({
      'ecs-deploy:service': 'demo/web',
      'ecs-deploy:commit': 'abc',
      'ecs-deploy:run': 'https://github.com/o/r/actions/runs/9',
      'ecs-deploy:actor': 'a b_c_',
    });
    expect(traceTags({})).toEqual(new Map());
  });
});
