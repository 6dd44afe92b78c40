import { x } from '@ecs-deploy/image-ref';
process.stdout.write(x('hello') + '\n');
