// Worker entry: spreadsheet parsing off the main thread (see workers/workerPool.ts).
import { serveTasks } from '../workers/workerTasks.ts';
import { parseXlsx } from './xlsxReader.ts';

serveTasks({
  parseXlsx: (bytes: Uint8Array) => parseXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
});
