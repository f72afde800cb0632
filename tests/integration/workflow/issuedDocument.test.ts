import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import { openDocx, paragraphs } from '../../unit/documents/docxXml.ts';
import { expectOk } from '../../unit/helpers/setup.ts';
import { issued, setUpChain } from '../../unit/helpers/workflow.ts';
import { canRender, pdfText, tempDir, toPdf } from '../documents/renderSupport.ts';

type File = MethodOutput<'documents.renderDocx'>;

describe('an issued report as a document', () => {
  it('prints its number, its issue date in the ND30 form and the approving head, and downloads identically', async () => {
    const chain = await setUpChain({ clock: () => new Date('2026-02-05T03:00:00Z') });
    const doc = await chain.readyReport();
    const { issue } = await issued(chain, doc, '2026-02-05');
    expect(issue.number).toBe('01/BC-SKHCN');

    const a = expectOk<File>(await chain.clerk('documents.renderDocx', { id: doc.id }));
    const b = expectOk<File>(await chain.vanThu.call('documents.renderDocx', { id: doc.id }));
    const bytes = Buffer.from(a.dataBase64, 'base64');
    expect(Buffer.compare(bytes, Buffer.from(b.dataBase64, 'base64'))).toBe(0);

    const texts = paragraphs((await openDocx(bytes)).document).map((p) => p.text);
    expect(texts).toContain('Số: 01/BC-SKHCN');
    expect(texts).toContain('Bắc Ninh, ngày 05 tháng 02 năm 2026');
    // "KT." is tied to its word by a no-break space.
    expect(texts).toEqual(expect.arrayContaining(['KT.\u00a0GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Phó']));
    expect(texts).toContain('- Lưu: VT.');

    if (canRender) {
      const dir = tempDir('baocao-issued-');
      const file = path.join(dir, a.fileName);
      fs.writeFileSync(file, bytes);
      const [pdf] = toPdf([file], dir);
      const page1 = pdfText(pdf!, 1);
      expect(page1).toContain('Số: 01/BC-SKHCN');
      expect(page1).toContain('Bắc Ninh, ngày 05 tháng 02 năm 2026');
    }
    chain.services.close();
  });
});
