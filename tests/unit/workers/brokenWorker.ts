// A worker entry that throws while loading, for workerPool.test.ts.
throw new Error('this entry cannot load');
