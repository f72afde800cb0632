import fs from 'node:fs';
import path from 'node:path';

/** package.json's version, for web mode, the CLI and tests; the desktop passes app.getVersion(). */
export function appVersion(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
