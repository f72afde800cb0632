import fs from 'node:fs';
import pino from 'pino';
import { redactText, redactValue } from './redact.ts';
import { openRotatingFile, type RotatingFileOptions } from './rotatingFile.ts';

/**
 * The main process's log: JSON lines (pino) in a rotating file under <dataDir>/logs, redacted
 * before they are written. Everything in main logs through this — dispatch, the updater, backups —
 * and "Xuất nhật ký lỗi" hands the files to IT support. Log what happened and how long it took,
 * never the inputs: the redaction is a net, not a licence.
 */
export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** A logger whose lines carry `{ area }`, e.g. child('updater'). */
  child(area: string): Logger;
}

export interface AppLogger extends Logger {
  /** The log files' text, oldest first, scrubbed again on the way out; '' without a file. */
  exportText(): string;
  files(): string[];
  close(): void;
}

export interface LoggerOptions extends Partial<RotatingFileOptions> {
  /** Folder of the log files; omit for a logger that only echoes (tests, tools). */
  dir?: string;
  level?: 'debug' | 'info' | 'warn' | 'error';
  /** Also print warnings and errors on stderr (npm start, npm run web). */
  echo?: boolean;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

export function createLogger(options: LoggerOptions = {}): AppLogger {
  // A data folder that cannot be written must not stop the app before it can say so: the log then
  // only echoes, and the start-up screen (services/startup) explains the folder.
  let file: ReturnType<typeof openRotatingFile> | null = null;
  let fileFailed = false;
  if (options.dir) {
    try {
      file = openRotatingFile({ ...options, dir: options.dir });
    } catch {
      fileFailed = true;
    }
  }
  const echo = (options.echo ?? false) || fileFailed;
  const destination = {
    write(line: string) {
      // Last net: a secret that slipped into a field pino added itself.
      const clean = redactText(line);
      file?.write(clean);
      // Through console.error, so that tests that silence it silence this too.
      if (echo && /"level":"(warn|error)"/.test(clean)) console.error(clean.trimEnd());
    },
  };
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );

  const wrap = (p: pino.Logger): Logger => {
    const at =
      (level: Level) =>
      (message: string, detail?: unknown): void => {
        const fields = detail === undefined ? {} : detail instanceof Error ? { err: detail } : { detail };
        p[level](redactValue(fields) as object, redactText(message));
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (area) => wrap(p.child({ area })),
    };
  };

  return {
    ...wrap(root),
    files: () => (file ? file.files() : []),
    exportText() {
      if (!file) return '';
      return file
        .files()
        .map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : ''))
        .join('')
        .split('\n')
        .map(redactText)
        .join('\n');
    },
    close() {
      root.flush?.();
      file?.close();
    },
  };
}

/** For code that can run without a log file: warnings and errors to stderr, redacted. */
export const consoleLogger = (): AppLogger => createLogger({ echo: true });
