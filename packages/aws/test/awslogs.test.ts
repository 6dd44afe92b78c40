import { describe, expect, it } from '@jest/globals';
import { awslogsTarget, logConsoleUrl, logStreamName } from '../src/index.js';

describe('awslogsTarget', () => {
  const options = { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' };
  it.each<[string, unknown, unknown]>([
    [
      'group and prefix',
      { logDriver: 'awslogs', options },
      { group: '/ecs/web', streamPrefix: 'web' },
    ],
    [
      'a region of its own',
      { logDriver: 'awslogs', options: { ...options, 'awslogs-region': 'eu-west-1' } },
      { group: '/ecs/web', region: 'eu-west-1', streamPrefix: 'web' },
    ],
    ['no prefix', { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } }, { group: 'g' }],
    [
      'empty region and prefix',
      {
        logDriver: 'awslogs',
        options: { 'awslogs-group': 'g', 'awslogs-region': '', 'awslogs-stream-prefix': '' },
      },
      { group: 'g' },
    ],
    ['another driver', { logDriver: 'awsfirelens', options }, undefined],
    ['no group', { logDriver: 'awslogs', options: { 'awslogs-stream-prefix': 'web' } }, undefined],
    ['no options', { logDriver: 'awslogs' }, undefined],
    ['nothing', undefined, undefined],
    ['not an object', 'awslogs', undefined],
  ])('%s', (_name, configuration, target) => {
    expect(awslogsTarget(configuration)).toEqual(target);
  });
});

describe('logStreamName', () => {
  it.each([
    [{ group: 'g', streamPrefix: 'web' }, 'web/app/0123abcd'],
    [{ group: 'g' }, 'app/0123abcd'],
  ])('%j', (target, stream) => {
    expect(logStreamName(target, 'app', '0123abcd')).toBe(stream);
  });
});

describe('logConsoleUrl', () => {
  it('encodes group and stream twice, % written $', () => {
    expect(logConsoleUrl('us-east-1', '/ecs/web', 'web/app/1')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/web$252Fapp$252F1',
    );
  });
});
