import { describe, expect, it } from 'vitest';
import type { Activity, PlanContent } from '../../shared/domain/plans/planContent.ts';
import { completeSetup, logIn, openFromMenu, waitSaved } from './support/department.ts';
import { apiFromPage } from './support/people.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * A plan long enough that the editor mounts its activities progressively
 * (renderer/drafting/plan/useProgressiveCount.ts): the clerk still gets every activity, and the
 * "Còn thiếu" link to a field of an activity not mounted yet takes the cursor to that field.
 */

const ACTIVITIES = 120;

const activity = (i: number): Activity => ({
  id: `hd-${i}`,
  content: `Tổ chức hội nghị phổ biến chuyển đổi số, đợt ${i + 1}`,
  unitInCharge: 'Văn phòng Sở',
  partners: 'Các phòng, đơn vị thuộc Sở',
  timeline: { kind: 'recurring' },
  expectedOutput: 'Báo cáo kết quả',
  budgetSource: 'Ngân sách nhà nước',
});

describe('a plan with 120 activities in the editor', () => {
  const env = useAppAndBrowser();

  it('mounts them all, and the summary link to a field of the last one focuses it, where typing autosaves', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    // The plan, through the app's own calls: 120 activities dealt over the tasks; the last task's
    // last activity lacks its unit in charge, so "Còn thiếu" links to that field.
    const created = await apiFromPage(page, 'plans.create', {});
    expect(created.ok).toBe(true);
    const plan = created.value as { meta: { id: string }; content: PlanContent };
    const content = structuredClone(plan.content);
    for (let i = 0; i < ACTIVITIES; i++)
      content.tasks[i % content.tasks.length]!.activities.push(activity(i));
    const lastTask = content.tasks.at(-1)!;
    const target = lastTask.activities.at(-1)!;
    target.unitInCharge = '';
    const n = lastTask.activities.length;
    const saved = await apiFromPage(page, 'plans.save', {
      id: plan.meta.id,
      baseRevision: 1,
      editSession: 'e2e-big-plan',
      content,
    });
    expect(saved.ok).toBe(true);

    // Open the editor and, as soon as its first render is in the page (before any later batch can
    // arrive: they wait for a painted frame), follow the link. A clerk this quick, or one on a slow
    // machine, is who the "mount everything, then focus" path is for.
    const linkText = `Nhiệm vụ ${lastTask.taskId} – Hoạt động ${n} – Chưa nhập đơn vị chủ trì`;
    const atClick = await page.evaluate(
      ({ linkText, path }) =>
        new Promise<{ mounted: number; targetMounted: boolean }>((resolve) => {
          const observer = new MutationObserver(() => {
            const link = [...document.querySelectorAll('button.issue-link')].find(
              (b) => b.textContent === linkText,
            );
            if (!link) return;
            observer.disconnect();
            const state = {
              mounted: document.querySelectorAll('[data-testid="activity"]').length,
              targetMounted: Boolean(document.querySelector(`[data-field-path="${path}"]`)),
            };
            (link as HTMLButtonElement).click();
            resolve(state);
          });
          observer.observe(document.body, { childList: true, subtree: true });
          const menu = [...document.querySelectorAll('nav a')].find(
            (a) => a.textContent?.trim() === 'Kế hoạch triển khai',
          ) as HTMLAnchorElement;
          menu.click();
        }),
      {
        linkText,
        path: encodeURIComponent(['tasks', lastTask.taskId, 'activities', target.id].join('/')),
      },
    );
    // The link was followed while the target activity was not mounted yet.
    expect(atClick.targetMounted).toBe(false);
    expect(atClick.mounted).toBeGreaterThan(0);
    expect(atClick.mounted).toBeLessThan(ACTIVITIES);

    // The cursor is in that activity's "Đơn vị chủ trì".
    const field = page.getByLabel(`Đơn vị chủ trì – hoạt động ${n}, nhiệm vụ ${lastTask.taskId}`);
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    // …and in the middle of the window, not at its edge (rows above it got their real heights).
    await expect
      .poll(() =>
        field.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return Math.abs((r.top + r.bottom) / 2 - innerHeight / 2) < innerHeight / 4;
        }),
      )
      .toBe(true);

    // Every activity ends up in the page, in document order of the tasks.
    await expect.poll(() => page.getByTestId('activity').count()).toBe(ACTIVITIES);
    const firstTask = page.getByTestId(`plan-task-${content.tasks[0]!.taskId}`);
    expect(await firstTask.getByTestId('activity').count()).toBe(content.tasks[0]!.activities.length);

    // Typing goes into the focused field and is autosaved.
    await page.keyboard.type('Phòng Quản lý khoa học');
    await expect.poll(() => field.inputValue()).toBe('Phòng Quản lý khoa học');
    await waitSaved(page);
    await page.screenshot({ path: screenshotPath('big-plan-focused'), fullPage: false });
    const stored = await apiFromPage(page, 'plans.get', {});
    const storedTask = (stored.value as { content: PlanContent }).content.tasks.find(
      (t) => t.taskId === lastTask.taskId,
    )!;
    expect(storedTask.activities.at(-1)!.unitInCharge).toBe('Phòng Quản lý khoa học');
    expect(storedTask.activities).toHaveLength(n);

    // Coming back and adding an activity to the last task at once, before the batches arrive: the
    // new activity is mounted and takes the cursor.
    await openFromMenu(page, 'Trang chủ');
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
    const atAdd = await page.evaluate(
      (testId) =>
        new Promise<{ mounted: number; focused: string | null }>((resolve) => {
          const observer = new MutationObserver(() => {
            const add = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
            if (!add) return;
            observer.disconnect();
            const mounted = document.querySelectorAll('[data-testid="activity"]').length;
            add.click();
            // Once React has handled the click (its own microtask goes first), and before any
            // batch (those wait for a painted frame): the field that has the cursor.
            queueMicrotask(() => {
              const el = document.activeElement;
              const label = el?.id ? document.querySelector(`label[for="${el.id}"]`) : null;
              resolve({ mounted, focused: label?.textContent ?? null });
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
          const menu = [...document.querySelectorAll('nav a')].find(
            (a) => a.textContent?.trim() === 'Kế hoạch triển khai',
          ) as HTMLAnchorElement;
          menu.click();
        }),
      `add-activity-${lastTask.taskId}`,
    );
    expect(atAdd.mounted).toBeLessThan(ACTIVITIES);
    expect(atAdd.focused).toBe(`Nội dung – hoạt động ${n + 1}, nhiệm vụ ${lastTask.taskId}`);
    await expect.poll(() => page.getByTestId('activity').count()).toBe(ACTIVITIES + 1);
  });

  it('moves an activity past the last one mounted, at once, and removes it; both are saved', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(env.app.url);
    await logIn(page);
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();

    // In the first render, a task cut by the first batch: its last mounted activity can still go
    // down ("Xuống" enabled) but the one below it is not mounted. "Xuống" there, before any batch.
    const moved = await page.evaluate(
      () =>
        new Promise<{ taskId: string; index: number; content: string; below: string | null }>((resolve) => {
          const observer = new MutationObserver(() => {
            const cut = [...document.querySelectorAll('ol.activities')]
              .map((ol) => ol.lastElementChild)
              .find(
                (li) =>
                  li?.querySelector<HTMLButtonElement>('button[title^="Chuyển hoạt động xuống"]')
                    ?.disabled === false,
              );
            if (!cut) return;
            observer.disconnect();
            const task = cut.closest('[data-testid^="plan-task-"]')!;
            const index = [...cut.parentElement!.children].indexOf(cut);
            const content = cut.querySelector('textarea')!.value;
            cut.querySelector<HTMLButtonElement>('button[title^="Chuyển hoạt động xuống"]')!.click();
            queueMicrotask(() => {
              const rows = task.querySelectorAll('[data-testid="activity"]');
              resolve({
                taskId: task.getAttribute('data-testid')!.replace('plan-task-', ''),
                index,
                content,
                below: rows[index + 1]?.querySelector('textarea')?.value ?? null,
              });
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
          const menu = [...document.querySelectorAll('nav a')].find(
            (a) => a.textContent?.trim() === 'Kế hoạch triển khai',
          ) as HTMLAnchorElement;
          menu.click();
        }),
    );
    // The moved activity is right there, one place down.
    expect(moved.below).toBe(moved.content);
    await expect.poll(() => page.getByTestId('activity').count()).toBe(ACTIVITIES + 1);

    // Removing it ("Xóa", then "Xác nhận xóa").
    const task = page.getByTestId(`plan-task-${moved.taskId}`);
    const row = task.getByTestId('activity').nth(moved.index + 1);
    await row.getByRole('button', { name: 'Xóa', exact: true }).click();
    await row.getByRole('button', { name: 'Xác nhận xóa' }).click();
    await expect.poll(() => page.getByTestId('activity').count()).toBe(ACTIVITIES);
    await waitSaved(page);
    const stored = await apiFromPage(page, 'plans.get', {});
    const storedTask = (stored.value as { content: PlanContent }).content.tasks.find(
      (t) => t.taskId === moved.taskId,
    )!;
    expect(storedTask.activities.map((a) => a.content)).not.toContain(moved.content);
    expect(await task.getByTestId('activity').count()).toBe(storedTask.activities.length);
  });
});
