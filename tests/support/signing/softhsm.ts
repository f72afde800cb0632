import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** Why SoftHSM tests cannot run here, or null when they can (Debian: softhsm2 and opensc). */
export function softHsmMissing(): string | null {
  const tools = ['softhsm2-util', 'pkcs11-tool'];
  for (const t of tools) {
    try {
      execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' });
    } catch {
      return `${t} không có trên máy (cài gói softhsm2 và opensc; .ci/run cài sẵn)`;
    }
  }
  if (!fs.existsSync(SOFTHSM_MODULE)) return `không có ${SOFTHSM_MODULE} (gói softhsm2)`;
  return null;
}

export interface SoftToken {
  label: string;
  serial: string;
  pin: string;
  dir: string;
  /** Puts another key + certificate on the token under `id` (hex). */
  importKey(keyDer: Buffer, certDer: Buffer, id: string, label: string): void;
  remove(): void;
}

/**
 * A SoftHSM2 token of its own in a temporary folder: SOFTHSM2_CONF points at a config naming that
 * folder (set in this process's environment, so the PKCS#11 host it forks sees the same), the
 * token is initialised with `softhsm2-util --init-token`, keys are imported as PKCS#8 and
 * certificates written with `pkcs11-tool --write-object`, matched by CKA_ID.
 */
export function createSoftToken(options: { label?: string; pin?: string } = {}): SoftToken {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-softhsm-'));
  const tokens = path.join(dir, 'tokens');
  fs.mkdirSync(tokens);
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const previous = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const label = options.label ?? 'BaoCao thử nghiệm';
  const pin = options.pin ?? '123456';
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '87654321'],
    {
      env,
      stdio: 'pipe',
    },
  );
  const info = execFileSync('softhsm2-util', ['--show-slots'], { env }).toString();
  const block = info.split(/\n(?=Slot )/).find((b) => b.includes(`Label:            ${label}`)) ?? '';
  const serial = /Serial number:\s+(\S+)/.exec(block)?.[1] ?? '';
  return {
    label,
    serial,
    pin,
    dir,
    importKey(keyDer, certDer, id, objLabel) {
      const keyPem = path.join(dir, `${id}.key.pem`);
      const certFile = path.join(dir, `${id}.cert.der`);
      fs.writeFileSync(
        keyPem,
        `-----BEGIN PRIVATE KEY-----\n${keyDer.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`,
      );
      fs.writeFileSync(certFile, certDer);
      execFileSync(
        'softhsm2-util',
        ['--import', keyPem, '--token', label, '--label', objLabel, '--id', id, '--pin', pin],
        { env, stdio: 'pipe' },
      );
      // The key file is not needed once on the token: a token's key never sits on disk.
      fs.rmSync(keyPem);
      execFileSync(
        'pkcs11-tool',
        [
          '--module',
          SOFTHSM_MODULE,
          '--token-label',
          label,
          '--login',
          '--pin',
          pin,
          '--write-object',
          certFile,
          '--type',
          'cert',
          '--id',
          id,
          '--label',
          objLabel,
        ],
        { env, stdio: 'pipe' },
      );
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (previous === undefined) delete process.env.SOFTHSM2_CONF;
      else process.env.SOFTHSM2_CONF = previous;
    },
  };
}
