import {
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type ISectionOptions,
} from 'docx';
import type { LaidOutDocument, PageSection } from '../layout/model.ts';
import { docxBlock } from './docxBlocks.ts';
import { FONT, PARAGRAPH_STYLES, documentStyles, halfPoints } from './docxStyles.ts';
import { coreProperties, fixedZipTimes } from './packageDates.ts';

/** The laid-out document as a .docx (Office Open XML), as bytes. */

type Styles = LaidOutDocument['styles'];

/** Arabic page number centred in the top margin; nothing on the first page of the section. */
function pageHeaders(styles: Styles, size: number) {
  const own = size !== styles.pageNumber.size ? halfPoints(size) : undefined;
  const style = PARAGRAPH_STYLES.pageNumber.id;
  return {
    default: new Header({
      children: [
        new Paragraph({
          style,
          run: own !== undefined ? { size: own } : undefined,
          children: [new TextRun({ children: [PageNumber.CURRENT], size: own })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ style, children: [] })] }),
  };
}

function section(styles: Styles, s: PageSection): ISectionOptions {
  const m = s.margins;
  const landscape = s.orientation === 'landscape';
  return {
    properties: {
      titlePage: true,
      page: {
        // docx wants the portrait size and swaps it for a landscape section.
        size: {
          width: Math.min(s.page.width, s.page.height),
          height: Math.max(s.page.width, s.page.height),
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: m.top,
          bottom: m.bottom,
          left: m.left,
          right: m.right,
          header: m.header,
          footer: m.header,
          gutter: 0,
        },
        pageNumbers: s.restartNumbering ? { start: 1 } : undefined,
      },
    },
    headers: pageHeaders(styles, s.pageNumberSize),
    children: s.blocks.map((b) => docxBlock(styles, b)),
  };
}

/**
 * The same layout gives the same bytes: the document's date is the layout's (the caller's clock,
 * else the issue date), not the moment it is packed, and the zip's own file times are fixed.
 */
export async function docxFromLayout(layout: LaidOutDocument): Promise<Buffer> {
  const document = new Document({
    creator: layout.author,
    title: layout.title,
    styles: documentStyles(layout),
    theme: { fonts: { headings: FONT, body: FONT } },
    sections: layout.sections.map((s) => section(layout.styles, s)),
  });
  const bytes = await Packer.toBuffer(document, false, [coreProperties(layout)]);
  return fixedZipTimes(bytes);
}
