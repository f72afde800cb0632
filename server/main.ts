/**
 * `npm run server -- [--data-dir DIR] [--port 8457] [--host 127.0.0.1] [--tls-cert F --tls-key F]`
 * starts the intake server; `npm run server -- <command> …` runs an administration command
 * (server/cli/adminCommands.ts). Exit codes: 0 done, 2 bad input (nothing changed), 1 failure.
 */
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { fingerprintText } from '../electron/services/receipts/certificates.ts';
import {
  ADMIN_COMMANDS,
  runAdminCommand,
  UsageError,
  type AdminCommand,
  type CliIo,
} from './cli/adminCommands.ts';
import { defaultResourcesDir, startIntakeServer } from './startServer.ts';

export const DEFAULT_PORT = 8457;
export const defaultDataDir = () =>
  process.env.BAOCAO_INTAKE_DATA ?? path.join(os.homedir(), '.baocao-intake');

/** Reads the first line of standard input; on a terminal asks without echoing. */
function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve) => {
      const rl = readline.createInterface({ input });
      let answered = false;
      rl.once('line', (line) => {
        answered = true;
        rl.close();
        resolve(line);
      });
      rl.once('close', () => {
        if (!answered) resolve('');
      });
    });
  }
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
      if (s.includes(prompt)) write.call(rl, s);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function serve(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string', default: defaultDataDir() },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      resources: { type: 'string', default: defaultResourcesDir() },
      'log-level': { type: 'string', default: 'info' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`Cổng không hợp lệ: ${values.port}`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    throw new UsageError('--tls-cert và --tls-key phải đi cùng nhau');
  }
  const server = await startIntakeServer({
    dataDir: values['data-dir']!,
    port,
    host: values.host!,
    resourcesDir: values.resources!,
    tls: values['tls-cert'] ? { certFile: values['tls-cert'], keyFile: values['tls-key']! } : null,
    logger: { level: values['log-level']! },
  });
  // Human lines on stderr, so stdout stays one JSON log line per event.
  process.stderr.write(`Máy chủ tiếp nhận BaoCao đang chạy tại ${server.url}\n`);
  process.stderr.write(`Dữ liệu: ${path.resolve(values['data-dir']!)}\n`);
  process.stderr.write(
    `Chứng thư ký biên nhận, SHA-256: ${fingerprintText(server.context.signer.certificate.sha256)}\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first && (ADMIN_COMMANDS as readonly string[]).includes(first)) {
      const { values } = parseArgs({
        args: rest,
        strict: false,
        options: { 'data-dir': { type: 'string' }, resources: { type: 'string' } },
      });
      const dataDir = path.resolve(
        typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(),
      );
      const resourcesDir = typeof values.resources === 'string' ? values.resources : defaultResourcesDir();
      const own = rest.filter((a, i) => {
        const prev = rest[i - 1];
        return (
          !['--data-dir', '--resources'].includes(a) &&
          !['--data-dir', '--resources'].includes(prev ?? '') &&
          !/^--(data-dir|resources)=/.test(a)
        );
      });
      const io: CliIo = {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        readSecret,
        clock: () => new Date(),
      };
      await runAdminCommand(first as AdminCommand, own, { dataDir, resourcesDir }, io);
      return 0;
    }
    if (first && !first.startsWith('--') && first !== 'serve') {
      throw new UsageError(
        `Không có lệnh "${first}". Các lệnh: ${ADMIN_COMMANDS.join(', ')}; không có lệnh thì chạy máy chủ`,
      );
    }
    await serve(first === 'serve' ? rest : argv);
    return -1;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exit(code);
  });
}
