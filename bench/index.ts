/**
 * `npm run bench`: figures, not pass/fail. Each benchmark prints what it measured; later features
 * add their own files to the list below.
 */
import { startupBench } from './startup.ts';

const benches: { name: string; run: () => Promise<string[]> }[] = [
  { name: 'Khởi động dịch vụ', run: startupBench },
];

for (const b of benches) {
  const lines = await b.run();
  console.log(`\n## ${b.name}`);
  for (const l of lines) console.log(`  ${l}`);
}
