import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startIntakeServer } from '../../../server/startServer.ts';

vi.setConfig({ testTimeout: 60_000 });

describe('TLS', () => {
  it('serves HTTPS with --tls-cert/--tls-key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const server = await startIntakeServer({
      dataDir: path.join(dir, 'data'),
      port: 0,
      logger: false,
      tls: { certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem') },
    });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get(`${server.url}/api/v1/health`, { ca: fs.readFileSync(path.join(dir, 'cert.pem')) }, (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body).ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});
