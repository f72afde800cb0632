import type { VerificationReport } from '../../../../shared/domain/signing/verification.ts';
import { formatDate } from './wording.ts';

const STATUS: Record<string, string> = {
  valid: 'HỢP LỆ',
  untrusted: 'CHỮ KÝ ĐÚNG, CHỨNG THƯ CHƯA ĐƯỢC TIN CẬY',
  invalid: 'KHÔNG HỢP LỆ',
};

/** The report as the CLI prints it: the verdict first, then each signature and each file. */
export function printReport(report: VerificationReport): string {
  const lines = [report.summary];
  for (const s of report.signatures) {
    lines.push('', `Chữ ký ${s.index} (${s.source}): ${STATUS[s.status]}`);
    if (s.signer) {
      lines.push(
        `  Người ký:      ${s.signer.commonName ?? s.signer.subject}${s.signer.organization ? ` — ${s.signer.organization}` : ''}`,
        `  Chứng thư:     ${s.signer.subject}`,
        `  Tổ chức cấp:   ${s.signer.issuer}`,
        `  Số hiệu:       ${s.signer.serialNumber}`,
        `  Hiệu lực:      ${formatDate(new Date(s.signer.notBefore))} – ${formatDate(new Date(s.signer.notAfter))}`,
      );
      if (s.signer.trial) lines.push('  Ghi chú:       chứng thư chỉ dùng thử');
    }
    if (s.signingTime) lines.push(`  Thời điểm ký:  ${s.signingTime}`);
    if (s.reason) lines.push(`  Lý do:         ${s.reason}`);
    if (s.source.toLowerCase().endsWith('.pdf') || s.format !== 'CMS') {
      lines.push(
        `  Phạm vi:       ${s.coversWholeFile ? 'toàn bộ tệp' : 'không phải toàn bộ tệp (có cập nhật sau khi ký)'}`,
      );
    }
    if (s.changesAfter) {
      lines.push(
        `  Sau khi ký:    ${s.changesAfter.allowed ? 'chỉ thêm chú thích/chữ ký (được phép)' : 'có thay đổi KHÔNG được phép'}`,
      );
      for (const c of s.changesAfter.items) lines.push(`                 - ${c}`);
    }
    for (const m of s.messages) lines.push(`  • ${m}`);
  }
  if (report.files.length) {
    lines.push('', 'Các tệp trong gói:');
    for (const f of report.files) lines.push(`  ${f.ok ? '✓' : '✗'} ${f.message}`);
  }
  for (const p of report.problems) if (p !== report.summary) lines.push(`• ${p}`);
  return lines.join('\n');
}
