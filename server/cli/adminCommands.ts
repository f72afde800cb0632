import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogDir } from '../../electron/services/catalog/loadCatalog.ts';
import { hashPassword } from '../../electron/services/organization/passwords.ts';
import { passwordSchema } from '../../shared/domain/organization/schemas.ts';
import { fingerprintText, tryReadCertificate } from '../../electron/services/receipts/certificates.ts';
import { organizationCodeSchema, sha256HexSchema } from '../../shared/intake/schemas.ts';
import { ENROLMENT_CODE_DAYS, newEnrolmentCode, normalizeEnrolmentCode, sha256Hex } from '../http/tokens.ts';
import { createIntakeRepository, type IntakeRepository } from '../store/intakeRepository.ts';
import { openSqliteDriver } from '../store/sqliteDriver.ts';

/**
 * The administrator's commands (`npm run server -- <command> …`), run against the server's data
 * folder, also while the server runs (SQLite WAL lets both write; the server reads trust, pins and
 * devices from the store on every request, so a revocation takes effect at once).
 */

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The password for add-officer: the first line of standard input, or a prompt. */
  readSecret(prompt: string): Promise<string>;
  clock: () => Date;
}

export class UsageError extends Error {}

const usage = (message: string): never => {
  throw new UsageError(message);
};

export const ADMIN_COMMANDS = [
  'add-org',
  'enrol-code',
  'import-orgs',
  'list-orgs',
  'list-devices',
  'revoke-device',
  'add-officer',
  'trust-root',
  'list-roots',
  'accept-cert',
] as const;
export type AdminCommand = (typeof ADMIN_COMMANDS)[number];

function agencyTypes(resourcesDir: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const c of loadCatalogDir(path.join(resourcesDir, 'plans')).values())
    for (const t of c.agencyTypes) types.set(t.code, t.name);
  return types;
}

async function issueCode(repo: IntakeRepository, orgCode: string, now: Date) {
  const code = newEnrolmentCode();
  const expires = new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000);
  await repo.addEnrolmentCode(
    orgCode,
    sha256Hex(normalizeEnrolmentCode(code)),
    now.toISOString(),
    expires.toISOString(),
  );
  return { code, expires };
}

const dateTime = (iso: string | Date) =>
  new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });

function checkCode(value: string | undefined, option = '--code'): string {
  const code = (value ?? '').trim().toUpperCase();
  if (!code) usage(`Thiếu ${option} (mã đơn vị, ví dụ SCT)`);
  if (!organizationCodeSchema.safeParse(code).success) {
    usage(`Mã đơn vị "${code}" không hợp lệ: chỉ gồm chữ in hoa không dấu, chữ số, "-" và "_"`);
  }
  return code;
}

export async function runAdminCommand(
  command: AdminCommand,
  argv: string[],
  options: { dataDir: string; resourcesDir: string },
  io: CliIo,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      type: { type: 'string' },
      org: { type: 'string' },
      device: { type: 'string' },
      all: { type: 'boolean' },
      username: { type: 'string' },
      sha256: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const repo = createIntakeRepository(openSqliteDriver(options.dataDir));
  const now = io.clock();
  try {
    switch (command) {
      case 'add-org': {
        const code = checkCode(values.code);
        const name = (values.name ?? '').normalize('NFC').trim();
        if (!name) usage('Thiếu --name (tên đơn vị, ví dụ "Sở Công Thương")');
        const types = agencyTypes(options.resourcesDir);
        if (!values.type || !types.has(values.type)) {
          usage(`--type phải là một trong: ${[...types.keys()].join(', ')}`);
        }
        if (await repo.getOrganization(code)) {
          usage(`Đơn vị ${code} đã có; dùng enrol-code --org ${code} để cấp mã đăng ký mới`);
        }
        await repo.saveOrganization({ code, name, agencyType: values.type! }, now.toISOString());
        const { code: enrolment, expires } = await issueCode(repo, code, now);
        io.out(`Đã thêm đơn vị ${code} — ${name} (${types.get(values.type!)})`);
        io.out(`Mã đăng ký (dùng một lần, hết hạn ${dateTime(expires)}): ${enrolment}`);
        return;
      }
      case 'enrol-code': {
        const code = checkCode(values.org, '--org');
        if (!(await repo.getOrganization(code))) usage(`Không có đơn vị ${code}`);
        const { code: enrolment, expires } = await issueCode(repo, code, now);
        io.out(`Mã đăng ký mới cho ${code} (dùng một lần, hết hạn ${dateTime(expires)}): ${enrolment}`);
        return;
      }
      case 'import-orgs': {
        const file = positionals[0] ?? usage('Thiếu tệp .xlsx: import-orgs DANH-SACH.xlsx [--dry-run]');
        const types = agencyTypes(options.resourcesDir);
        // exceljs is loaded only for this command: the others start faster without it.
        const { readOrganizationsSheet } = await import('./importOrganizations.ts');
        const { rows, problems } = await readOrganizationsSheet(
          path.basename(file),
          fs.readFileSync(file),
          new Set(types.keys()),
        );
        for (const p of problems)
          io.err(`Dòng ${p.row ?? '—'}, cột ${p.column || '—'}, giá trị "${p.value}": ${p.reason}`);
        if (problems.length) usage(`Có ${problems.length} lỗi; chưa thay đổi gì. Sửa tệp rồi chạy lại`);
        const plan = await Promise.all(
          rows.map(async (r) => {
            const existing = await repo.getOrganization(r.code);
            const action = !existing
              ? 'thêm'
              : existing.name === r.name && existing.agencyType === r.agencyType
                ? 'không đổi'
                : 'cập nhật';
            return { ...r, action };
          }),
        );
        for (const p of plan) io.out(`Dòng ${p.row}: ${p.action} ${p.code} — ${p.name} (${p.agencyType})`);
        const counts = (a: string) => plan.filter((p) => p.action === a).length;
        const summary = `${counts('thêm')} thêm, ${counts('cập nhật')} cập nhật, ${counts('không đổi')} không đổi`;
        if (values['dry-run']) {
          io.out(`Chạy thử: ${summary}. Chưa thay đổi gì; bỏ --dry-run để áp dụng`);
          return;
        }
        for (const p of plan) {
          if (p.action === 'không đổi') continue;
          await repo.saveOrganization(p, now.toISOString());
          if (p.action === 'thêm') {
            const { code } = await issueCode(repo, p.code, now);
            io.out(`Mã đăng ký ${p.code}: ${code}`);
          }
        }
        io.out(`Đã áp dụng: ${summary}. Mã đăng ký hết hạn sau ${ENROLMENT_CODE_DAYS} ngày`);
        return;
      }
      case 'list-orgs': {
        const orgs = await repo.listOrganizations();
        if (orgs.length === 0) io.out('Chưa có đơn vị nào; thêm bằng add-org hoặc import-orgs');
        for (const o of orgs.sort((a, b) => a.code.localeCompare(b.code))) {
          const cert = o.pinnedCertSha256
            ? `chứng thư ${fingerprintText(o.pinnedCertSha256).slice(0, 23)}…`
            : 'chưa ghim chứng thư';
          const pending = o.acceptedCertSha256
            ? `; chờ chứng thư mới ${fingerprintText(o.acceptedCertSha256).slice(0, 23)}…`
            : '';
          io.out(
            `${o.code}\t${o.name}\t${o.agencyType}\t${o.devices} máy\t${o.packages} gói\t${cert}${pending}`,
          );
        }
        return;
      }
      case 'list-devices': {
        const devices = await repo.listDevices(values.org ? checkCode(values.org, '--org') : undefined);
        if (devices.length === 0) io.out('Chưa có máy nào đăng ký');
        for (const d of devices) {
          const state = d.revokedAt ? `đã thu hồi ${dateTime(d.revokedAt)}` : 'đang dùng';
          io.out(`${d.id}\t${d.orgCode}\t${d.name}\tđăng ký ${dateTime(d.createdAt)}\t${state}`);
        }
        return;
      }
      case 'revoke-device': {
        if (values.device) {
          const n = await repo.revokeDevice(values.device, now.toISOString());
          if (n === 0) usage(`Không có máy ${values.device} đang dùng`);
          io.out(`Đã thu hồi mã thiết bị ${values.device}; máy đó phải đăng ký lại`);
        } else if (values.org && values.all) {
          const code = checkCode(values.org, '--org');
          const n = await repo.revokeOrganizationDevices(code, now.toISOString());
          io.out(`Đã thu hồi ${n} máy của ${code}`);
        } else
          usage(
            'Dùng revoke-device --device ID, hoặc revoke-device --org MÃ --all (xem ID bằng list-devices)',
          );
        return;
      }
      case 'add-officer': {
        const username = (values.username ?? '').trim().toLowerCase();
        if (!/^[a-z0-9._-]{3,64}$/.test(username))
          usage('--username: 3–64 chữ thường không dấu, chữ số, ".", "_", "-"');
        const fullName = (values.name ?? '').normalize('NFC').trim();
        if (!fullName) usage('Thiếu --name (họ và tên cán bộ)');
        const password = await io.readSecret('Mật khẩu cho cán bộ: ');
        const checked = passwordSchema.safeParse(password);
        if (!checked.success) usage(`Mật khẩu: ${checked.error.issues[0]!.message}`);
        const r = await repo.addOfficer(
          { username, fullName, passwordHash: await hashPassword(password) },
          now.toISOString(),
        );
        io.out(
          r === 'added'
            ? `Đã thêm cán bộ ${username} — ${fullName}`
            : `Đã đặt lại mật khẩu cho ${username}; các phiên cũ đã đóng`,
        );
        return;
      }
      case 'trust-root': {
        const file = positionals[0] ?? usage('Thiếu tệp chứng thư: trust-root GOC.cer');
        const cert = tryReadCertificate(fs.readFileSync(file));
        if (!cert) usage(`Tệp ${file} không phải chứng thư X.509 (PEM hoặc DER)`);
        const added = await repo.addTrustedRoot({
          sha256: cert!.sha256,
          subject: cert!.subject,
          pem: cert!.pem,
          addedAt: now.toISOString(),
        });
        io.out(`${added ? 'Đã thêm' : 'Đã có sẵn'} chứng thư gốc tin cậy: ${cert!.subject}`);
        io.out(`SHA-256: ${fingerprintText(cert!.sha256)}`);
        if (!cert!.x509.ca) io.err('Lưu ý: chứng thư này không phải chứng thư của tổ chức cấp (CA:FALSE)');
        return;
      }
      case 'list-roots': {
        const roots = await repo.listTrustedRoots();
        if (roots.length === 0) io.out('Chưa có chứng thư gốc tin cậy nào; máy chủ sẽ từ chối mọi gói');
        for (const r of roots) io.out(`${fingerprintText(r.sha256)}\t${r.subject}`);
        return;
      }
      case 'accept-cert': {
        const code = checkCode(values.org, '--org');
        const org = (await repo.getOrganization(code)) ?? usage(`Không có đơn vị ${code}`);
        let sha256: string;
        if (positionals[0]) {
          const cert = tryReadCertificate(fs.readFileSync(positionals[0]));
          if (!cert) usage(`Tệp ${positionals[0]} không phải chứng thư X.509`);
          sha256 = cert!.sha256;
        } else {
          const given = (values.sha256 ?? '').replace(/[:\s]/g, '').toLowerCase();
          if (!sha256HexSchema.safeParse(given).success) {
            usage(
              'Dùng accept-cert --org MÃ --sha256 DẤU-VÂN-TAY (64 chữ số hệ 16, có thể có dấu ":"), hoặc accept-cert --org MÃ TỆP.cer',
            );
          }
          sha256 = given;
        }
        await repo.acceptCertificate(code, sha256, now.toISOString());
        io.out(
          `Đã chấp nhận chứng thư ${fingerprintText(sha256)} cho ${code} — ${org.name}; chứng thư này được ghim ở lần gửi tiếp theo ký bằng nó`,
        );
        return;
      }
    }
  } finally {
    await repo.close();
  }
}
