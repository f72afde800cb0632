import { daysBetween, vietnamToday, type IsoDate } from '../calendarDate.ts';
import type { PackageStatus } from '../../intake/schemas.ts';
import type { FollowedDuty } from './duties.ts';

/**
 * "Tình hình gửi báo cáo": for one duty, every department that owes it and where its document
 * stands, with counts and rates like DHIS2's reporting-rate summary (sent / expected, on time /
 * expected). Timeliness is the server's receipt time of the first package (the day Sở KH&CN
 * received it, Vietnam time) against the duty's last day on time; a correction sent later does not
 * make a report that first arrived on time late.
 */

export const submissionStates = [
  'chua_gui',
  'dung_han',
  'gui_muon',
  'ban_sua_doi',
  'tra_lai',
  'da_tiep_nhan',
] as const;
export type SubmissionState = (typeof submissionStates)[number];

export const submissionStateLabels: Record<SubmissionState, string> = {
  chua_gui: 'Chưa gửi',
  dung_han: 'Đã gửi đúng hạn',
  gui_muon: 'Gửi muộn',
  ban_sua_doi: 'Đã gửi bản sửa đổi',
  tra_lai: 'Sở trả lại',
  da_tiep_nhan: 'Đã tiếp nhận',
};

export interface FollowedOrganization {
  code: string;
  name: string;
  agencyType: string;
  active: boolean;
  packages: PackageStatus[];
}

export interface SubmissionRow {
  code: string;
  name: string;
  agencyType: string;
  state: SubmissionState;
  /** When the first package arrived (ISO), null when nothing did. */
  firstReceivedAt: string | null;
  /** The day it arrived, Vietnam time. */
  firstReceivedOn: IsoDate | null;
  /** Days after the last day on time: of the first package, or so far when nothing came and the day has passed. */
  daysLate: number;
  /** The package that stands now: the newest that no later package replaces. */
  current: PackageStatus | null;
  /** Every package of the duty, oldest first (a returned report and its correction both stay). */
  packages: PackageStatus[];
}

export interface SubmissionSummary {
  expected: number;
  sent: number;
  onTime: number;
  late: number;
  notSent: number;
  /** Not sent although the last day has passed. */
  overdue: number;
  byState: Record<SubmissionState, number>;
  /** sent / expected and onTime / expected, 0…1; null when nobody is expected. */
  reportingRate: number | null;
  onTimeRate: number | null;
}

export interface SubmissionOverview {
  duty: FollowedDuty;
  today: IsoDate;
  rows: SubmissionRow[];
  summary: SubmissionSummary;
}

const collator = new Intl.Collator('vi');

/** The package that stands: not replaced by a later one of the same list; the newest if several. */
export function currentPackage(packages: readonly PackageStatus[]): PackageStatus | null {
  const replaced = new Set(packages.flatMap((p) => (p.replaces ? [p.replaces.packageId] : [])));
  const standing = packages.filter((p) => !replaced.has(p.packageId) && p.replacedBy.length === 0);
  const pool = standing.length ? standing : [...packages];
  return (
    pool.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0)).at(-1) ??
    null
  );
}

export function submissionRow(duty: FollowedDuty, org: FollowedOrganization, today: IsoDate): SubmissionRow {
  const packages = org.packages
    .filter((p) => p.document.periodKey === duty.periodKey && p.document.kind === duty.kind)
    .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  const first = packages[0] ?? null;
  const current = currentPackage(packages);
  const firstReceivedOn = first ? vietnamToday(new Date(first.receivedAt)) : null;
  const daysLate = Math.max(0, daysBetween(duty.lastDay, firstReceivedOn ?? today));
  let state: SubmissionState;
  if (!current) state = 'chua_gui';
  else if (current.status === 'returned') state = 'tra_lai';
  else if (current.status === 'accepted') state = 'da_tiep_nhan';
  else if (current.replaces) state = 'ban_sua_doi';
  else state = daysLate > 0 ? 'gui_muon' : 'dung_han';
  return {
    code: org.code,
    name: org.name,
    agencyType: org.agencyType,
    state,
    firstReceivedAt: first?.receivedAt ?? null,
    firstReceivedOn,
    daysLate,
    current,
    packages,
  };
}

/** Every active department of the agency types that owe the duty, in Vietnamese order of names. */
export function submissionOverview(
  duty: FollowedDuty,
  organizations: readonly FollowedOrganization[],
  today: IsoDate,
): SubmissionOverview {
  const owing = new Set(duty.appliesTo);
  const rows = organizations
    .filter((o) => o.active && owing.has(o.agencyType))
    .map((o) => submissionRow(duty, o, today))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { duty, today, rows, summary: summarize(rows, duty, today) };
}

export function summarize(
  rows: readonly SubmissionRow[],
  duty: FollowedDuty,
  today: IsoDate,
): SubmissionSummary {
  const byState = Object.fromEntries(submissionStates.map((s) => [s, 0])) as Record<SubmissionState, number>;
  let sent = 0;
  let onTime = 0;
  for (const r of rows) {
    byState[r.state]++;
    if (r.firstReceivedAt) {
      sent++;
      if (r.daysLate === 0) onTime++;
    }
  }
  const expected = rows.length;
  const notSent = expected - sent;
  return {
    expected,
    sent,
    onTime,
    late: sent - onTime,
    notSent,
    overdue: today > duty.lastDay ? notSent : 0,
    byState,
    reportingRate: expected ? sent / expected : null,
    onTimeRate: expected ? onTime / expected : null,
  };
}

/** "Chưa gửi, quá hạn 12 ngày", "Gửi muộn 3 ngày", "Đã gửi đúng hạn". */
export function describeTimeliness(row: SubmissionRow, duty: FollowedDuty, today: IsoDate): string {
  if (!row.firstReceivedAt) {
    return today > duty.lastDay ? `Chưa gửi, quá hạn ${row.daysLate} ngày` : 'Chưa gửi, còn hạn';
  }
  return row.daysLate > 0 ? `Gửi muộn ${row.daysLate} ngày` : 'Gửi đúng hạn';
}
