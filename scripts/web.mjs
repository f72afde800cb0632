// `npm run web -- --data-dir DIR --port N`: build the renderer (unless a test already did), then
// serve it with the services on 127.0.0.1. Arguments pass through to electron/web.ts.
import { spawnSync, spawn } from 'node:child_process';

const args = process.argv.slice(2);
if (!process.env.BAOCAO_SKIP_BUILD) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', ...args], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
