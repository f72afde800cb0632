import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openServiceHost } from '../../../electron/services/serviceHost.ts';
import { FIXTURE_RESOURCES, newSession } from '../helpers/setup.ts';

it('on quit the host waits for a call in flight before it closes the store', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-close-'));
  const host = await openServiceHost({ dataDir, resourcesDir: FIXTURE_RESOURCES });
  const handlers = host.services.handlers;
  const original = handlers['app.status'];
  let finish!: () => void;
  const gate = new Promise<void>((r) => (finish = r));
  // A call that is still working (reading the store) when quit begins.
  handlers['app.status'] = async (input, ctx) => {
    await gate;
    return original(input, ctx);
  };
  const inFlight = host.dispatch('app.status', {}, newSession());
  const order: string[] = [];
  const closed = host.close().then(() => order.push('closed'));
  await new Promise((r) => setTimeout(r, 50));
  expect(order).toEqual([]);
  finish();
  // It still read the store (a closed one would have failed it), and only then did close finish.
  const result = await inFlight;
  await closed;
  expect(result.ok).toBe(true);
  expect(order).toEqual(['closed']);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('close also waits for held work (an upload), and gives up after its limit', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-close-'));
  const host = await openServiceHost({ dataDir, resourcesDir: FIXTURE_RESOURCES });
  const release = host.busy.hold('đang gửi văn bản');
  let closed = false;
  const closing = host.close().then(() => (closed = true));
  await new Promise((r) => setTimeout(r, 50));
  expect(closed).toBe(false);
  release();
  await closing;
  expect(closed).toBe(true);

  const stuck = await openServiceHost({ dataDir, resourcesDir: FIXTURE_RESOURCES, closeWaitMs: 100 });
  stuck.busy.hold('treo');
  const started = Date.now();
  await stuck.close();
  expect(Date.now() - started).toBeLessThan(5_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
