// A worker entry for workerPool.test.ts: tasks that finish, refuse, crash, loop and hog memory.
import { AppError } from '../../../shared/errors.ts';
import { serveTasks } from '../../../electron/services/workers/workerTasks.ts';

serveTasks({
  echo: (input: { n: number }) => ({ doubled: input.n * 2 }),
  refuse: () => {
    throw new AppError('VALIDATION', 'Tệp không hợp lệ (thử nghiệm)');
  },
  crash: () => {
    throw new TypeError('a bug');
  },
  spin: () => {
    for (;;) {
      // a file that never finishes
    }
  },
  hog: () => {
    const kept: string[] = [];
    for (;;) kept.push(`${'x'.repeat(1024)}${kept.length}`);
  },
});
