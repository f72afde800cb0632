import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/webApp.ts';

/**
 * The hook itself (renderer/drafting/plan/useProgressiveCount.ts) with the real React in Chromium:
 * the repository has no DOM for unit tests, and what matters here (painted frames, transitions,
 * flushSync) only a browser does. A list of rows, bundled with the hook by esbuild.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

const PAGE = `
  import { useLayoutEffect } from 'react';
  import { flushSync } from 'react-dom';
  import { createRoot } from 'react-dom/client';
  import { useProgressiveCount } from './renderer/drafting/plan/useProgressiveCount.ts';

  // Frames as the page paints them, to tell in which frame each commit landed.
  window.__frame = 0;
  const tick = () => { window.__frame++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);

  function List({ total }) {
    const { limit, mountAll } = useProgressiveCount(total);
    const rows = Math.min(limit, total);
    useLayoutEffect(() => {
      window.__commits.push({
        rows: document.querySelectorAll('li').length,
        frame: window.__frame,
        at: performance.now(),
      });
    });
    const all = () => {
      const before = document.querySelectorAll('li').length;
      mountAll();
      window.__mountAll = { before, after: document.querySelectorAll('li').length };
    };
    return (
      <>
        <button onClick={all}>Gắn tất cả</button>
        <ol>{Array.from({ length: rows }, (_, i) => <li key={i}><input defaultValue={'Ô ' + i} /></li>)}</ol>
      </>
    );
  }

  let root;
  window.__show = (total) => {
    root?.unmount();
    window.__commits = [];
    window.__mountAll = undefined;
    root = createRoot(document.getElementById('root'));
    // Synchronously, so that the first render is in the page when __show returns.
    flushSync(() => root.render(<List total={total} />));
  };`;

describe('useProgressiveCount in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const out = await build({
      stdin: { contents: PAGE, loader: 'tsx', resolveDir: ROOT },
      bundle: true,
      write: false,
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><div id="root"></div>');
    await page.addScriptTag({ content: out.outputFiles[0]!.text });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const commits = () =>
    page.evaluate('window.__commits') as Promise<{ rows: number; frame: number; at: number }[]>;

  it('mounts 30 rows first, then 40 per batch, each in a later frame, until all 300 are there', async () => {
    await page.evaluate('window.__show(300)');
    await expect.poll(async () => (await commits()).at(-1)?.rows).toBe(300);
    const cs = await commits();
    expect(cs.map((c) => c.rows)).toEqual([30, 70, 110, 150, 190, 230, 270, 300]);
    // Each batch comes after a frame was painted with the one before it.
    for (let i = 1; i < cs.length; i++) expect(cs[i]!.frame).toBeGreaterThan(cs[i - 1]!.frame);
  });

  it('mounts every row before returning when asked to, before any batch arrived', async () => {
    // The click in the same task as the first render: no batch can have come yet.
    await page.evaluate(`window.__show(300); document.querySelector('button').click()`);
    expect(await page.evaluate('window.__mountAll')).toEqual({ before: 30, after: 300 });
    await page.waitForTimeout(300);
    // No batch comes after it, and nothing is unmounted.
    expect((await commits()).map((c) => c.rows)).toEqual([30, 300]);
  });

  it('holds the batches while keys are typed, and goes on once typing stops', async () => {
    await page.evaluate('window.__show(300)');
    // A key every 50 ms for 600 ms, their times kept: on a loaded machine a timer can come late,
    // and a gap of 150 ms between two keys rightly lets a batch in.
    const keys = (await page.evaluate(`new Promise((resolve) => {
      const at = [];
      const key = () => {
        at.push(performance.now());
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
        if (at.length < 12) setTimeout(key, 50); else resolve(at);
      };
      key();
    })`)) as number[];
    await expect.poll(async () => (await commits()).at(-1)?.rows).toBe(300);
    const cs = await commits();
    // Every batch committed while keys came either followed a quiet spell of 150 ms (less a
    // frame's slack) or was already on its way before the first key.
    const PAUSE = 150 - 20;
    const duringTyping = cs.slice(1).filter((c) => c.at > keys[0]! && c.at < keys.at(-1)!);
    for (const c of duringTyping) {
      const k1 = keys.filter((k) => k <= c.at).at(-1)!;
      const k0 = keys.filter((k) => k < k1).at(-1);
      const quiet = Math.max(c.at - k1, k0 === undefined ? Infinity : k1 - k0);
      expect(quiet, `batch of ${c.rows} rows at ${c.at.toFixed(0)} ms`).toBeGreaterThanOrEqual(PAUSE);
    }
    // When the keys came as typed (no gap near 150 ms), at most one batch came during them.
    const gaps = keys.slice(1).map((k, i) => k - keys[i]!);
    if (Math.max(...gaps) < PAUSE) expect(duringTyping.length).toBeLessThanOrEqual(1);
  });

  it('renders a list no longer than the first batch whole, in one commit', async () => {
    await page.evaluate('window.__show(30)');
    await page.waitForTimeout(300);
    expect((await commits()).map((c) => c.rows)).toEqual([30]);
  });
});
