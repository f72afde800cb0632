import {
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ISectionOptions,
} from 'docx';
import type { LaidOutDocument, PageSection } from '../layout/model.ts';
import { blockXml, blocksXml } from './bodyXml.ts';
import { FONT, PARAGRAPH_STYLES, documentStyles, halfPoints } from './docxStyles.ts';
import { coreProperties } from './packageDates.ts';
import { readZip, writeZip } from './zipPackage.ts';

/**
 * The laid-out document as a .docx (Office Open XML), as bytes. The docx library writes the
 * package (styles.xml, settings, the sections' page setup and headers, relationships, content
 * types) around one placeholder paragraph per section; bodyXml.ts writes the sections' blocks,
 * which take their place in document.xml; Node's zlib packs the result (zipPackage.ts).
 */

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

/**
 * What holds section `i`'s place until its blocks are written in: a table, so that docx ends every
 * section but the last with a paragraph of its own holding the section's properties (w:sectPr).
 */
const placeholder = (i: number) => `BAOCAO-SECTION-${i}-BLOCKS`;
const placeholderTable = (i: number) =>
  new Table({
    rows: [
      new TableRow({
        children: [new TableCell({ children: [new Paragraph({ children: [new TextRun(placeholder(i))] })] })],
      }),
    ],
  });
const SECTION_END = /^<w:p><w:pPr>(<w:sectPr\b[\s\S]*?<\/w:sectPr>)<\/w:pPr><\/w:p>/;

/**
 * Section `i`'s blocks in place of its placeholder. Where the section ends with a paragraph and
 * another section follows, the section's properties go into that paragraph, as docx puts them.
 */
function fillSection(xml: string, i: number, s: PageSection, styles: Styles, last: boolean): string {
  const marker = xml.indexOf(placeholder(i));
  const start = xml.lastIndexOf('<w:tbl>', marker);
  const end = xml.indexOf('</w:tbl>', marker) + '</w:tbl>'.length;
  if (marker < 0 || start < 0 || end < '</w:tbl>'.length)
    throw new Error(`Không đặt được nội dung phần ${i + 1} vào tệp .docx`);
  const tail = s.blocks.at(-1);
  const sectionEnd = last ? null : SECTION_END.exec(xml.slice(end));
  if (!last && !sectionEnd) throw new Error(`Phần ${i + 1} của tệp .docx không có thuộc tính trang`);
  if (!sectionEnd || !tail || (tail.type !== 'paragraph' && tail.type !== 'rule'))
    return xml.slice(0, start) + blocksXml(styles, s.blocks) + xml.slice(end);
  const closing = blockXml(styles, tail).replace('</w:pPr>', `${sectionEnd[1]}</w:pPr>`);
  return (
    xml.slice(0, start) +
    blocksXml(styles, s.blocks.slice(0, -1)) +
    closing +
    xml.slice(end + sectionEnd[0].length)
  );
}

function section(styles: Styles, s: PageSection, i: number): ISectionOptions {
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
    children: [placeholderTable(i)],
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
    sections: layout.sections.map((s, i) => section(layout.styles, s, i)),
  });
  const entries = readZip(await Packer.toBuffer(document, false, [coreProperties(layout)]));
  const main = entries.find((e) => e.name === 'word/document.xml');
  if (!main) throw new Error('Tệp .docx vừa tạo không có word/document.xml');
  let xml = main.data.toString('utf8');
  const count = layout.sections.length;
  layout.sections.forEach((s, i) => (xml = fillSection(xml, i, s, layout.styles, i === count - 1)));
  main.data = Buffer.from(xml, 'utf8');
  return writeZip(entries);
}
