// npm run demo: prints the story as it happens; exit 0 when it went as expected.
import { runDemo } from './demo.js';

try {
  const result = await runDemo((line) => {
    console.log(line);
  });
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 2;
}
