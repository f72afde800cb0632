/**
 * `npm run bench`: figures, not pass/fail. Each benchmark prints what it measured; later features
 * add their own files to the list below.
 */
import { backupBench } from './backup.ts';
import { consolidationBench } from './consolidation.ts';
import { documentsBench } from './documents.ts';
import { draftsBench } from './drafts.ts';
import { offThreadBench } from './offThread.ts';
import { editorBench } from './editor.ts';
import { intakeBench } from './intake.ts';
import { spreadsheetsBench } from './spreadsheets.ts';
import { spreadsheetWorstCaseBench } from './spreadsheetWorstCase.ts';
import { signingBench } from './signing.ts';
import { startupBench } from './startup.ts';
import { workflowBench } from './workflow.ts';

const benches: { name: string; run: () => Promise<string[]> }[] = [
  { name: 'Khởi động dịch vụ', run: startupBench },
  { name: 'Soạn thảo: kế hoạch 300 hoạt động, báo cáo đủ chỉ tiêu', run: draftsBench },
  { name: 'Excel: nhập bảng 5.000 dòng (xem trước, áp dụng)', run: spreadsheetsBench },
  { name: 'Excel: tệp nặng nhất còn được nhận, đọc trong luồng phụ', run: spreadsheetWorstCaseBench },
  { name: 'Văn bản Word và PDF: kế hoạch 300 hoạt động, đủ các mục', run: documentsBench },
  { name: 'Luồng chính khi tạo PDF: trong luồng chính và trong luồng phụ', run: offThreadBench },
  { name: 'Trình soạn thảo trong Chromium: kế hoạch 300 hoạt động', run: editorBench },
  { name: 'Ban hành: 1.000 văn bản liên tiếp (sổ văn bản đi, đóng băng tệp)', run: workflowBench },
  { name: 'Máy chủ tiếp nhận: gửi gói liên tục qua loopback', run: intakeBench },
  { name: 'Chữ ký số: ký và kiểm tra (.p12, USB token SoftHSM2) so với openssl', run: signingBench },
  { name: 'Sao lưu và khôi phục: 200 tệp đính kèm 100 KB', run: backupBench },
  { name: 'Sở KH&CN: tổng hợp báo cáo của 200 và 2.000 đơn vị', run: consolidationBench },
];

// `npm run bench -- intake signing`: only the sections whose function is named so (intakeBench, …).
const only = process.argv.slice(2).map((a) => a.toLowerCase());
const chosen = only.length
  ? benches.filter((b) => only.some((o) => b.run.name.toLowerCase().startsWith(o)))
  : benches;

for (const b of chosen) {
  let lines: string[];
  try {
    lines = await b.run();
  } catch (e) {
    // A figure that cannot be measured here is reported, never the end of the run.
    lines = [`không đo được: ${(e as Error).message.split('\n')[0]}`];
  }
  console.log(`\n## ${b.name}`);
  for (const l of lines) console.log(`  ${l}`);
}
console.log(
  `\nBộ nhớ thường trú cao nhất của tiến trình bench: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (giới hạn 512 MiB cho tiến trình chính)`,
);
