// `npm run lint:electron`: Doyensec's electronegativity over the main-process sources. Fails on any
// finding of high or medium severity, and on a lower one that has no justification: a comment
// "electronegativity: <CHECK_ID> …" on the reported line or just above it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const out = path.resolve('.tmp/electronegativity.csv');
fs.mkdirSync(path.dirname(out), { recursive: true });
const runTool = () => {
  fs.rmSync(out, { force: true });
  execFileSync(
    process.execPath,
    [
      require.resolve('@doyensec/electronegativity/dist/index.js'),
      ...['-i', 'electron', '-r', '-v', 'false', '-e', electronVersion, '-o', out],
    ],
    // It tries to fetch Electron's release list and translations; offline it says so and goes on.
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
};
const parseLine = (line) => {
  const cells = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
};

// The tool sometimes exits before its CSV is fully written (seen on a first run in a fresh clone):
// a row without its location is such a cut-off file, so run it again rather than misread it.
let rows;
for (let attempt = 1; ; attempt++) {
  runTool();
  const text = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  rows = text.trim().split('\n').slice(1).filter(Boolean).map(parseLine);
  if (text.startsWith('issue,') && rows.every((r) => r.length >= 5 && r[4])) break;
  if (attempt === 3) {
    console.error('electronegativity: its report was incomplete three times in a row');
    process.exit(1);
  }
}
const problems = [];
for (const [id, severity, confidence, file, location] of rows) {
  const where = `electron/${file}:${location}`;
  if (severity === 'HIGH' || severity === 'MEDIUM') {
    problems.push(`${severity} ${id} (${confidence}) at ${where}`);
    continue;
  }
  const line = Number(location.split(':')[0]);
  const source = fs.readFileSync(path.join('electron', file), 'utf8').split('\n');
  const near = source.slice(Math.max(0, line - 5), line).join('\n');
  if (!near.includes(`electronegativity: ${id}`)) {
    problems.push(`${severity} ${id} at ${where} has no "electronegativity: ${id}" comment saying why`);
  } else {
    console.log(`electronegativity: ${severity} ${id} at ${where} — justified in the source`);
  }
}
if (problems.length > 0) {
  console.error(`electronegativity:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`electronegativity: ${rows.length} finding(s), none high or medium, each lower one justified`);
