import {
  AlignmentType,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type IPropertiesOptions,
  type ISectionOptions,
} from 'docx';
import type { LaidOutDocument, PageSection } from '../layout/model.ts';
import { BLACK, FONT, docxBlock, fonts, mark } from './docxBlocks.ts';

/** The laid-out document as a .docx (Office Open XML), as bytes. */

/** Arabic page number centred in the top margin; nothing on the first page of the section. */
function pageHeaders(size: number) {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          run: mark(size),
          children: [
            new TextRun({ children: [PageNumber.CURRENT], font: fonts, color: BLACK, size: size * 2 }),
          ],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ run: mark(size), children: [] })] }),
  };
}

function section(s: PageSection): ISectionOptions {
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
    headers: pageHeaders(s.pageNumberSize),
    children: s.blocks.map(docxBlock),
  };
}

/** Styles: Times New Roman and black in the document defaults and in every built-in style. */
function documentStyles(bodySize: number): Pick<IPropertiesOptions, 'styles' | 'theme'> {
  const black = { run: { font: fonts, color: BLACK } };
  return {
    styles: {
      default: {
        document: {
          run: { font: fonts, size: bodySize * 2, color: BLACK },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        title: black,
        heading1: black,
        heading2: black,
        heading3: black,
        heading4: black,
        heading5: black,
        heading6: black,
        strong: black,
        listParagraph: black,
        caption: black,
        hyperlink: { run: { color: BLACK } },
        footnoteText: black,
      },
    },
    theme: { fonts: { headings: FONT, body: FONT } },
  };
}

export async function docxFromLayout(layout: LaidOutDocument): Promise<Buffer> {
  const document = new Document({
    creator: layout.author,
    title: layout.title,
    ...documentStyles(layout.bodySize),
    sections: layout.sections.map(section),
  });
  return Packer.toBuffer(document);
}
