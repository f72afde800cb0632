import type { IsoDate } from '../calendarDate.ts';
import type { Catalog } from '../catalog/schema.ts';
import { runningName } from '../organization/agencyName.ts';
import type { FollowedDuty } from '../sokhcn/duties.ts';
import type { SubmissionRow, SubmissionState } from '../sokhcn/submissions.ts';
import { formatCitedDate, formatRunningDate } from '../vietnameseDate.ts';
import type { LetterContent } from './letterContent.ts';

/**
 * The công văn đôn đốc Sở KH&CN drafts from "Tình hình gửi báo cáo" (Kế hoạch 34, V.2: Sở "đôn
 * đốc, theo dõi"): addressed to every department of the duty, as filtered, that has not sent, sent
 * late, or had its report returned and not yet sent again; the duty and its deadline in the V/v and
 * in the text. The clerk edits all of it before it goes to the head.
 */

/** The states a công văn đôn đốc is sent for: nothing received, received late, returned. */
export const chasedStates: readonly SubmissionState[] = ['chua_gui', 'gui_muon', 'tra_lai'];

export const isChased = (r: Pick<SubmissionRow, 'state'>) => chasedStates.includes(r.state);

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);

export interface DondocInput {
  catalog: Pick<Catalog, 'number' | 'issuedOn' | 'issuer' | 'title'>;
  duty: Pick<FollowedDuty, 'periodKey' | 'title' | 'deadline' | 'lastDay'>;
  /** The rows as the officer filtered them; only the chased ones are addressed. */
  rows: readonly Pick<SubmissionRow, 'name' | 'state' | 'daysLate'>[];
  /** The sending agency's name ("Sở Khoa học và Công nghệ"). */
  senderName: string;
  /** Its letterhead's "Lưu: VT, ‹unit›" unit, used as the drafting unit when it is an abbreviation. */
  archiveUnit: string;
  today: IsoDate;
  collator?: Intl.Collator;
}

export function dondocLetterContent(i: DondocInput): LetterContent {
  const collator = i.collator ?? new Intl.Collator('vi');
  const chased = i.rows.filter(isChased);
  const names = [...new Set(chased.map((r) => r.name.trim()))].sort(collator.compare);
  const sender = runningName(i.senderName);
  const issuer = i.catalog.issuer.replace(/^UBND\b/u, 'Ủy ban nhân dân');
  const duty = lowerFirst(i.duty.title);
  const due = `${i.duty.lastDay === i.duty.deadline ? 'chậm nhất' : 'trước'} ${formatRunningDate(i.duty.deadline)}`;
  const count = (s: SubmissionState) => chased.filter((r) => r.state === s).length;
  const situation = [
    count('chua_gui') ? `${count('chua_gui')} cơ quan, đơn vị chưa gửi báo cáo` : '',
    count('gui_muon') ? `${count('gui_muon')} cơ quan, đơn vị gửi báo cáo chậm so với thời hạn` : '',
    count('tra_lai')
      ? `${count('tra_lai')} cơ quan, đơn vị có báo cáo bị trả lại chưa gửi bản hoàn chỉnh`
      : '',
  ].filter(Boolean);
  const body = [
    `Thực hiện Kế hoạch số ${i.catalog.number} ngày ${formatCitedDate(i.catalog.issuedOn)} của ${issuer} về ${lowerFirst(i.catalog.title)}, các cơ quan, đơn vị gửi ${duty} về ${sender} ${due}.`,
    `Đến ${formatRunningDate(i.today)}, ${sender} ghi nhận ${situation.join('; ') || 'chưa có cơ quan, đơn vị nào chậm gửi báo cáo'}.`,
    `Để kịp thời tổng hợp, báo cáo Ủy ban nhân dân tỉnh theo quy định, ${sender} đề nghị các cơ quan, đơn vị khẩn trương hoàn thành, ký số và gửi ${duty} qua phần mềm BaoCao; trường hợp báo cáo bị trả lại, đề nghị chỉnh sửa theo ý kiến của ${sender} và gửi lại bản hoàn chỉnh.`,
    `Trân trọng./.`,
  ].join('\n');
  return {
    summary: `đôn đốc gửi ${duty} thực hiện Kế hoạch số ${i.catalog.number}`,
    draftingUnit: /^[A-ZĐ0-9]{1,20}$/u.test(i.archiveUnit.trim()) ? i.archiveUnit.trim() : '',
    addressees: names,
    body,
    recipients: ['Lãnh đạo Sở'],
    subject: {
      kind: 'dondoc',
      periodKey: i.duty.periodKey,
      dutyTitle: i.duty.title,
      deadline: i.duty.deadline,
    },
  };
}
