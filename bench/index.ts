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

// `npm run bench -- spreadsheets editor`: only the sections named, by function (`spreadsheetsBench`).
const only = process.argv.slice(2);
const keyOf = (b: { run: { name: string } }) => b.run.name.replace(/Bench$/, '');
for (const k of only.filter((k) => !benches.some((b) => keyOf(b) === k)))
  console.log(`Không có phần đo "${k}"; có: ${benches.map(keyOf).join(', ')}`);

for (const b of benches.filter((x) => only.length === 0 || only.includes(keyOf(x)))) {
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
  // The bench's own process holds what every section made (files, 1,000 issued documents, load
  // generators): not the app's main process, whose memory the sections measure in their own.
  `\nBộ nhớ thường trú cao nhất của chính tiến trình bench (mọi phần cộng lại; không phải tiến trình của ứng dụng, đo riêng ở từng phần): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
