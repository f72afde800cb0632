import {
  HttpExecutor,
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
} from 'builder-util-runtime';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';

/**
 * electron-updater's ElectronHttpExecutor with Node's http in place of Electron's `net` (which
 * is not here): the same download path, checksum check included (HttpExecutor.doDownload).
 */
class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: http.RequestOptions = { headers: options.headers || undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }

  createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void) {
    return (options.protocol === 'https:' ? https : http).request(options, callback);
  }
}

/** What an installed app tells electron-updater about itself, without Electron. */
function testAppAdapter(version: string, dir: string): AppAdapter {
  const configPath = path.join(dir, 'app-update.yml');
  fs.writeFileSync(
    configPath,
    'provider: generic\nurl: https://baocao.invalid/updates/\nupdaterCacheDirName: baocao-updater\n',
  );
  return {
    version,
    name: 'BaoCao',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: path.join(dir, 'userData'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
}

/** A real electron-updater updater (the .deb one, as on a Linux desktop), for version `current`. */
export function realUpdater(current: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-updater-'));
  const updater = new DebUpdater(null, testAppAdapter(current, dir));
  const internals = updater as unknown as {
    httpExecutor: HttpExecutor<http.ClientRequest>;
    _testOnlyOptions: { platform: string; isUseDifferentialDownload: boolean };
  };
  internals.httpExecutor = new NodeHttpExecutor();
  internals._testOnlyOptions = { platform: 'linux', isUseDifferentialDownload: false };
  updater.logger = null;
  return { updater, cacheDir: path.join(dir, 'cache', 'baocao-updater') };
}

export const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

/** latest-linux.yml exactly as electron-builder writes it next to the installer. */
export function latestYml(version: string, fileName: string, bytes: Buffer, digest = sha512(bytes)) {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${fileName}`,
    `    sha512: ${digest}`,
    `    size: ${bytes.length}`,
    `path: ${fileName}`,
    `sha512: ${digest}`,
    `releaseDate: '2026-02-05T07:05:12.000Z'`,
    '',
  ].join('\n');
}

export type Route = { status: number; body: Buffer | string } | 'hang';

/** The intake server's /updates/ folder, as far as the updater can tell: a static file server. */
export async function startFeedServer() {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const route = routes.get(url.pathname);
    if (route === 'hang') return; // accepts, never answers
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(route.status, { 'content-type': 'application/octet-stream' }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    address: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
