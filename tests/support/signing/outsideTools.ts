import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether a command exists here; tests that need it skip with the reason otherwise. */
export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export interface PdfSigSignature {
  name: string;
  commonName: string;
  valid: boolean;
  total: boolean;
  trusted: boolean;
  certificateValidation: string;
  text: string;
}

/** Runs poppler's pdfsig on `pdf` (optionally with an NSS database) and reads its report. */
export function pdfsig(pdf: Buffer, nssDir?: string): { raw: string; signatures: PdfSigSignature[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-pdfsig-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', [...(nssDir ? ['-nssdir', `sql:${nssDir}`] : []), file], {
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const raw = `${r.stdout}${r.stderr}`;
  const signatures = raw
    .split(/\nSignature #\d+:\n/)
    .slice(1)
    .map((text) => ({
      text,
      name: /Signature Field Name: (.*)/.exec(text)?.[1] ?? '',
      commonName: /Signer Certificate Common Name: (.*)/.exec(text)?.[1] ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(text),
      total: /- Total document signed/.test(text),
      trusted: /Certificate Validation: Certificate is Trusted\./.test(text),
      certificateValidation: /Certificate Validation: (.*)/.exec(text)?.[1] ?? '',
    }));
  return { raw, signatures };
}

/** An NSS database (certutil, libnss3-tools) trusting `caPem` for signing: what pdfsig -nssdir reads. */
export function nssDbWith(caPemPath: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'], { stdio: 'pipe' });
  execFileSync(
    'certutil',
    ['-A', '-d', `sql:${dir}`, '-n', 'BaoCao test CA', '-t', 'CT,C,C', '-i', caPemPath],
    {
      stdio: 'pipe',
    },
  );
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `openssl cms -verify` of a detached signature; returns whether it verified and what it said. */
export function opensslCmsVerify(
  content: Buffer,
  p7s: Buffer,
  caPemPath: string,
  extra: string[] = [],
): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-cms-'));
  fs.writeFileSync(path.join(dir, 'content'), content);
  fs.writeFileSync(path.join(dir, 'sig.p7s'), p7s);
  const r = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      path.join(dir, 'sig.p7s'),
      '-content',
      path.join(dir, 'content'),
      '-CAfile',
      caPemPath,
      '-out',
      path.join(dir, 'out'),
      ...extra,
    ],
    { encoding: 'utf8' },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Renders one page to RGB pixels with pdftoppm (PPM), to look at where things landed. */
export function renderPage(
  pdf: Buffer,
  page: number,
  dpi = 72,
): { width: number; height: number; rgb: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-render-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-f',
    String(page + 1),
    '-l',
    String(page + 1),
    file,
    path.join(dir, 'p'),
  ]);
  const ppm = fs.readFileSync(
    path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.ppm'))!,
    ),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

/** Writes a PNG of a page for a person to look at (.tmp/screenshots). */
export function savePagePng(pdf: Buffer, name: string) {
  const out = path.resolve(import.meta.dirname, '../../../.tmp/screenshots');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    path.join(out, name),
  ]);
  fs.rmSync(file);
}
