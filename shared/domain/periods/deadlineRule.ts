import { addDays, type IsoDate } from '../calendarDate.ts';

/**
 * The one rule for every deadline of a plan: "trước ngày D" ("before D") leaves D − 1 as the last
 * day on time — "trước ngày 15/6" ends on 14/6, "trước ngày 10/9/2025" on 9/9/2025 — while "ngày D"
 * or "chậm nhất ngày D" includes D itself ("Định kỳ ngày 20 hằng tháng": the 20th is on time).
 * `wording` is the plan's own sentence, so the rule reads the words it comes from.
 */
export function saysBefore(wording: string): boolean {
  return /trước ngày/iu.test(wording.normalize('NFC'));
}

export function lastOnTimeDay(deadline: IsoDate, wording: string): IsoDate {
  return saysBefore(wording) ? addDays(deadline, -1) : deadline;
}
