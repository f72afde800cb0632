import fs from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** main.log; rotated copies are main.1.log (newest) … main.<keep>.log (oldest). */
  fileName?: string;
  maxBytes?: number;
  keep?: number;
}

/**
 * A log file that never grows past `maxBytes`: when it would, it is renamed to .1 (and .1 to .2…)
 * and a new one begun. Writes are synchronous on purpose: the line written just before a crash
 * is the one support needs, and the main process logs little.
 */
export function openRotatingFile(options: RotatingFileOptions) {
  const fileName = options.fileName ?? 'main.log';
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const stem = fileName.replace(/\.log$/, '');
  const current = path.join(options.dir, fileName);
  const rotated = (i: number) => path.join(options.dir, `${stem}.${i}.log`);
  fs.mkdirSync(options.dir, { recursive: true });

  let fd = fs.openSync(current, 'a');
  let size = fs.fstatSync(fd).size;

  const rotate = () => {
    fs.closeSync(fd);
    fs.rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (fs.existsSync(rotated(i))) fs.renameSync(rotated(i), rotated(i + 1));
    }
    fs.renameSync(current, rotated(1));
    fd = fs.openSync(current, 'a');
    size = 0;
  };

  return {
    write(line: string) {
      const bytes = Buffer.from(line, 'utf8');
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      fs.writeSync(fd, bytes);
      size += bytes.length;
    },
    /** Every file, oldest first. */
    files(): string[] {
      const out: string[] = [];
      for (let i = keep; i >= 1; i--) if (fs.existsSync(rotated(i))) out.push(rotated(i));
      out.push(current);
      return out;
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
export type RotatingFile = ReturnType<typeof openRotatingFile>;
