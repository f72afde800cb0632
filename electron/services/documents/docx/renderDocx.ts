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
import { readZip, writeZip, type ZipEntry } from './zipPackage.ts';

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
 * The package docx writes around the body (styles.xml, settings, headers, relationships, the
 * sections' page setup in document.xml) follows from the document's sizes, kinds and page setup
 * alone: the title and author are in docProps/core.xml, written for each document. A department's
 * documents share one, so it is kept (a few, the most recently made) rather than made again each
 * time: making it is most of what the library still costs.
 */
const shells = new Map<string, readonly ZipEntry[]>();
const SHELLS_KEPT = 8;

/** Forget the kept packages: the bench times a department's first document with it. */
export function forgetPackageShells(): void {
  shells.clear();
}

async function packageShell(layout: LaidOutDocument): Promise<readonly ZipEntry[]> {
  const key = JSON.stringify([
    layout.bodySize,
    layout.styles,
    layout.sections.map(({ blocks: _blocks, ...setup }) => setup),
  ]);
  const kept = shells.get(key);
  if (kept) return kept;
  const document = new Document({
    styles: documentStyles(layout),
    theme: { fonts: { headings: FONT, body: FONT } },
    sections: layout.sections.map((s, i) => section(layout.styles, s, i)),
  });
  const entries = readZip(await Packer.toBuffer(document, false));
  for (const part of ['word/document.xml', 'docProps/core.xml'])
    if (!entries.some((e) => e.name === part)) throw new Error(`Tệp .docx vừa tạo không có ${part}`);
  if (shells.size >= SHELLS_KEPT) shells.delete(shells.keys().next().value!);
  shells.set(key, entries);
  return entries;
}

/**
 * The same layout gives the same bytes: the document's date is the layout's (the caller's clock,
 * else the issue date), not the moment it is packed, and the zip's own file times are fixed.
 */
export async function docxFromLayout(layout: LaidOutDocument): Promise<Buffer> {
  const core = coreProperties(layout);
  const count = layout.sections.length;
  // A new list: the kept package itself is never changed.
  const entries = (await packageShell(layout)).map((e): ZipEntry => {
    if (e.name === core.path) return { name: e.name, data: Buffer.from(core.data, 'utf8') };
    if (e.name !== 'word/document.xml') return e;
    let xml = e.data.toString('utf8');
    layout.sections.forEach((s, i) => (xml = fillSection(xml, i, s, layout.styles, i === count - 1)));
    return { name: e.name, data: Buffer.from(xml, 'utf8') };
  });
  return writeZip(entries);
}
