import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebServer } from '../electron/web.ts';
import type { PlanContent } from '../shared/domain/plans/planContent.ts';
import { activity } from './drafts.ts';
import { median } from './support.ts';

/**
 * The plan editor with 300 activities in Chromium (`npm run web`, the built renderer), beside a bare
 * React page rendering as many inputs: from the sidebar click to the first painted frame in which
 * the first screen of activities has its inputs (the editor mounts the rest in batches after it,
 * renderer/drafting/plan/useProgressiveCount.ts), and to the frame after the last activity is
 * mounted; from a keystroke to the next painted frame (Performance API, in the page), once every
 * activity is mounted and while the batches are still arriving.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ACTIVITIES = 300;
const KEYS = 40;
const USER = { username: 'quantri', password: 'mật-khẩu-đủ-dài' };

class Client {
  cookie = '';
  constructor(readonly base: string) {}
  async open(url: string) {
    const res = await fetch(url, { redirect: 'manual' });
    this.cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  }
  async call<T>(name: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, cookie: this.cookie },
      body: JSON.stringify(body),
    });
    const set = res.headers.getSetCookie()[0];
    if (set) this.cookie = set.split(';')[0]!;
    const json = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!json.ok) throw new Error(`${name}: ${json.error!.message}`);
    return json.value as T;
  }
}

/**
 * In the page: after each keydown, the time from the event to the frame after it (a requestAnimation
 * Frame callback runs just before the paint; the task after it, just after). Page code is given as
 * text: tsx would wrap named functions in a helper the page does not have.
 */
const RECORD_KEYSTROKES = `
  window.__keys = [];
  if (!window.__recording) document.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__keys.push({ at: t0, ms: performance.now() - t0 }), 0));
  }, true);
  window.__recording = true;`;

interface Key {
  /** performance.now() of the keydown. */
  at: number;
  ms: number;
}

/**
 * In the page: click the sidebar link; `window.__open` gets, each measured after its frame is
 * painted: `first`, the first frame whose activities fill the window (or are all there), with the
 * inputs it holds; `all`, the frame with all `n` activities; `allAt`, that frame's clock.
 */
const OPEN_PLAN = (n: number) => `new Promise((resolve) => {
  const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent.trim() === 'Kế hoạch triển khai');
  const t0 = performance.now();
  const open = { first: undefined, inputs: 0, all: undefined, allAt: undefined };
  window.__open = open;
  link.click();
  const activities = () => document.querySelectorAll('[data-testid="activity"]');
  // In a frame callback: what the DOM holds now is what this frame paints.
  const poll = () => {
    const xs = activities();
    if (open.inputs === 0 && xs.length > 0 &&
        (xs.length >= ${n} || xs[xs.length - 1].getBoundingClientRect().bottom > innerHeight)) {
      open.inputs = document.querySelectorAll('main input, main textarea, main select').length;
      setTimeout(() => { open.first = performance.now() - t0; }, 0);
    }
    if (xs.length >= ${n}) setTimeout(() => {
      open.allAt = performance.now();
      open.all = open.allAt - t0;
      resolve(open);
    }, 0);
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})`;

interface Open {
  first: number;
  inputs: number;
  all: number;
  allAt: number;
}

async function expectSoon(ok: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('the editor did not finish mounting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function typeKeys(page: Page, count: number, gap: number, until?: () => Promise<boolean>) {
  for (let i = 0; i < count; i++) {
    if (until && (await until())) break;
    await page.keyboard.press(i % 5 === 4 ? 'Space' : 'a');
    await page.waitForTimeout(gap);
  }
  await page.waitForTimeout(200);
  return (await page.evaluate('window.__keys')) as Key[];
}

async function keystrokes(page: Page, input: string): Promise<number> {
  await page.evaluate(RECORD_KEYSTROKES);
  await page.locator(input).first().click();
  const xs = await typeKeys(page, KEYS, 40);
  return median(xs.slice(5).map((k) => k.ms)); // the first few warm the handlers up
}

/**
 * Keys typed into the first activity from the moment it is there until the last batch is mounted:
 * the keystroke-to-paint of those pressed before that (several opens, as each gives a few).
 */
async function keystrokesWhileMounting(page: Page, open: () => Promise<void>, opens: number) {
  const during: number[] = [];
  for (let i = 0; i < opens; i++) {
    await open();
    await page.evaluate(RECORD_KEYSTROKES);
    // Its promise is not awaited: the keys go in while it runs; window.__open holds its figures.
    page.evaluate(OPEN_PLAN(ACTIVITIES)).catch(() => undefined);
    await page.locator('[data-testid="activity"] textarea').first().click();
    // The editor holds its batches while the clerk types: a burst of keys, then it finishes.
    const xs = await typeKeys(page, 30, 10, () => page.evaluate('window.__open.allAt !== undefined'));
    // (The app's CSP forbids waitForFunction's string evaluation; page.evaluate is allowed.)
    await expectSoon(() => page.evaluate('window.__open.allAt !== undefined') as Promise<boolean>);
    const allAt = (await page.evaluate('window.__open.allAt')) as number;
    during.push(...xs.filter((k) => k.at < allAt).map((k) => k.ms));
  }
  return { median: during.length ? median(during) : NaN, max: Math.max(...during), keys: during.length };
}

/** A bare React page with `inputs` controlled inputs: its open time and keystroke-to-paint. */
async function bareReact(browser: Browser, inputs: number) {
  const source = `
    import { useState } from 'react';
    import { createRoot } from 'react-dom/client';
    const t0 = performance.now();
    function Field({ i }) {
      const [v, setV] = useState('Nội dung ' + i);
      return <input value={v} onChange={(e) => setV(e.target.value)} aria-label={'Ô ' + i} />;
    }
    function Page() {
      return <ol>{Array.from({ length: ${inputs} }, (_, i) => <li key={i}><Field i={i} /></li>)}</ol>;
    }
    createRoot(document.getElementById('root')).render(<Page />);
    const done = () => document.querySelectorAll('input').length >= ${inputs}
      ? requestAnimationFrame(() => setTimeout(() => { window.__open = performance.now() - t0; }, 0))
      : requestAnimationFrame(done);
    done();`;
  const out = await build({
    stdin: { contents: source, loader: 'tsx', resolveDir: ROOT },
    bundle: true,
    write: false,
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const page = await browser.newPage();
  try {
    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.setContent(`<!doctype html><meta charset="utf-8"><div id="root"></div>`);
      await page.addScriptTag({ content: out.outputFiles[0]!.text });
      await page.waitForFunction('window.__open !== undefined');
      opens.push((await page.evaluate('window.__open')) as number);
    }
    return { open: median(opens), key: await keystrokes(page, 'input') };
  } finally {
    await page.close();
  }
}

function renderer(): string {
  const dir = path.join(ROOT, 'dist/renderer');
  if (!process.env.BAOCAO_SKIP_BUILD || !fs.existsSync(path.join(dir, 'index.html'))) {
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vite build: ${r.stderr}`);
  }
  return dir;
}

/** The app: a department with a 300-activity plan, opened from the sidebar in Chromium. */
async function appEditor(browser: Browser) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-bench-editor-'));
  const server = await startWebServer({ dataDir, port: 0, rendererDir: renderer() });
  try {
    const base = new URL(server.url).origin;
    const c = new Client(base);
    await c.open(server.url);
    await c.call('setup.complete', {
      organization: {
        name: 'Sở Khoa học và Công nghệ',
        parentName: 'UBND TỈNH BẮC NINH',
        agencyType: 'so_khcn',
        abbreviation: 'SKHCN',
        place: 'Bắc Ninh',
      },
      admin: { ...USER, fullName: 'Quản trị', roles: ['quan_tri', 'chuyen_vien'] },
    });
    await c.call('auth.login', USER);
    const plan = await c.call<{ meta: { id: string }; content: PlanContent }>('plans.create', {});
    const content = structuredClone(plan.content);
    for (let i = 0; i < ACTIVITIES; i++)
      content.tasks[i % content.tasks.length]!.activities.push(activity(i));
    await c.call('plans.save', { id: plan.meta.id, baseRevision: 1, editSession: 'bench-editor', content });

    const page = await browser.newPage();
    try {
      await page.goto(server.url);
      await page.getByLabel('Tên đăng nhập').fill(USER.username);
      await page.getByLabel('Mật khẩu').fill(USER.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      const menu = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
      await menu('Kế hoạch triển khai').waitFor();
      // Away and back: each open mounts the editor and fetches the plan again.
      const away = async () => {
        await menu('Trang chủ').click();
        await page.waitForFunction('!document.querySelector(\'[data-testid="activity"]\')');
      };
      const opens: Open[] = [];
      let inputs = 0;
      for (let i = 0; i < 4; i++) {
        await away();
        const open = (await page.evaluate(OPEN_PLAN(ACTIVITIES))) as Open;
        if (i > 0) opens.push(open); // the first also loads the editor's code
        inputs = await page.locator('main input, main textarea, main select').count();
      }
      const key = await keystrokes(page, '[data-testid="activity"] textarea');
      const keyMounting = await keystrokesWhileMounting(page, away, 3);
      return {
        first: median(opens.map((o) => o.first)),
        firstInputs: median(opens.map((o) => o.inputs)),
        all: median(opens.map((o) => o.all)),
        key,
        keyMounting,
        inputs,
      };
    } finally {
      await page.close();
    }
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function editorBench(): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM))
    return [`Chromium (${CHROMIUM}) không có trên máy: bỏ qua phép đo trình soạn thảo`];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const app = await appEditor(browser);
    const bare = await bareReact(browser, app.inputs);
    const f0 = (x: number) => x.toFixed(0);
    const f1 = (x: number) => x.toFixed(1);
    const during = app.keyMounting;
    return [
      `mở kế hoạch ${ACTIVITIES} hoạt động (${app.inputs} ô nhập), trung vị 3 lần, React trần với ${app.inputs} ô nhập: ${f0(bare.open)} ms`,
      `  từ bấm thanh bên đến khung hình đầu tiên dùng được (hoạt động kín cửa sổ, ${app.firstInputs} ô nhập): ${f0(app.first)} ms (mục tiêu ≤ 200 ms) — BaoCao / React trần: ${f1(app.first / bare.open)} lần`,
      `  đến khung hình sau khi hoạt động cuối cùng được gắn (đủ ${app.inputs} ô nhập): ${f0(app.all)} ms — BaoCao / React trần: ${f1(app.all / bare.open)} lần`,
      `gõ phím đến khung hình kế tiếp, đã gắn đủ: trung vị ${f1(app.key)} ms (${KEYS - 5} phím; mục tiêu ≤ 16 ms); React trần: ${f1(bare.key)} ms — tỷ lệ ${f1(app.key / bare.key)} lần`,
      during.keys
        ? `  trong lúc các đợt còn đang gắn: trung vị ${f1(during.median)} ms, chậm nhất ${f1(during.max)} ms (${during.keys} phím, 3 lần mở)`
        : `  trong lúc các đợt còn đang gắn: không kịp gõ phím nào trước khi gắn xong (3 lần mở)`,
    ];
  } finally {
    await browser.close();
  }
}
