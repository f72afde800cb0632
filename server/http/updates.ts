import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';

/**
 * /updates/: the folder electron-updater's generic provider reads (latest.yml, latest-linux.yml,
 * installers, blockmaps), served read-only from <data>/updates with ranges for differential
 * downloads, no directory listing, no dot-files, and the feed files never cached.
 */
const contentTypes: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.blockmap': 'application/octet-stream',
  '.appimage': 'application/octet-stream',
  '.deb': 'application/vnd.debian.binary-package',
  '.zip': 'application/zip',
  '.dmg': 'application/x-apple-diskimage',
};

export async function registerUpdates(app: FastifyInstance, dataDir: string) {
  const root = path.join(dataDir, 'updates');
  fs.mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: '/updates/',
    list: false,
    index: false,
    redirect: false,
    dotfiles: 'deny',
    decorateReply: false,
    setHeaders: (reply, file) => {
      const ext = path.extname(file).toLowerCase();
      reply.header('content-type', contentTypes[ext] ?? 'application/octet-stream');
      // The feed must be re-read on every check; an installer never changes under its name.
      reply.header('cache-control', ext === '.yml' || ext === '.yaml' ? 'no-cache' : 'public, max-age=86400');
    },
  });
}
