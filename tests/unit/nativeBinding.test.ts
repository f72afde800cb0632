import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/store/openDatabase.ts';

const require = createRequire(import.meta.url);
const nodeAddon = path.join(
  path.dirname(require.resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);

describe('the addon the desktop app passes to better-sqlite3', () => {
  it('is the one loaded when given, so Electron and Node can each use their own build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-native-'));
    const db = openDatabase(dir, undefined, nodeAddon);
    expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('refuses to open with a missing addon instead of silently using another', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-native-'));
    expect(() => openDatabase(dir, undefined, path.join(dir, 'khong-co.node'))).toThrow();
  });
});
