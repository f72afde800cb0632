import type { Content, ContentText, CustomTableLayout, TableCell } from 'pdfmake/interfaces';
import type {
  Block,
  CellBlock,
  ColumnsBlock,
  GridBlock,
  GridCell,
  PageSection,
  ParagraphBlock,
  RuleBlock,
  Run,
} from '../layout/model.ts';

/**
 * The laid-out blocks as pdfmake content: the same widths, sizes, spacing and rules the .docx
 * gets, converted from twips to points.
 */

export const pt = (twips: number) => twips / 20;

/**
 * Word's "single" line is the font's ascent + descent + line gap (1.149 em for Times New Roman and
 * Liberation Serif); pdfmake's is ascent + descent only (1.107 em). Scaling every line height by
 * the ratio keeps lines, and so page breaks, where Word and LibreOffice put them.
 */
export const WORD_LINE = 2355 / 2048 / ((1825 + 443) / 2048);

export const TABLE_LAYOUTS: Record<string, CustomTableLayout> = {
  /** The header and the closing: no rules, no padding (pdfmake's noBorders keeps 4 pt padding). */
  bare: {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  },
};

/** The ruled layout of an appendix grid, registered under the name `grid-<thickness>-<padding>`. */
export function gridLayout(g: GridBlock): [string, CustomTableLayout] {
  const name = `grid-${g.thickness}-${g.padding.vertical}-${g.padding.horizontal}`;
  return [
    name,
    {
      hLineWidth: () => g.thickness,
      vLineWidth: () => g.thickness,
      hLineColor: () => '#000000',
      vLineColor: () => '#000000',
      paddingLeft: () => pt(g.padding.horizontal),
      paddingRight: () => pt(g.padding.horizontal),
      paddingTop: () => pt(g.padding.vertical),
      paddingBottom: () => pt(g.padding.vertical),
    },
  ];
}

export interface SignatureImage {
  /** Name of the image in the definition's `images`. */
  name: string;
  width: number;
  height: number;
}

/**
 * pdfmake breaks lines after hyphens and slashes too, and justification then widens the gap there
 * ("34/KH- UBND"). In justified text each word is kept whole, as one piece with its trailing space;
 * only a word too long for any line may still break inside.
 */
const LONG_WORD = 40;
function words(text: string, style: { bold: boolean; italics: boolean }): ContentText[] {
  return (text.match(/^\s+|\S+\s*/g) ?? []).map((w) => ({
    text: w.replaceAll('\u2011', '-'),
    ...style,
    ...(w.length <= LONG_WORD ? { noWrap: true } : {}),
  }));
}

/**
 * Centred and flush text breaks freely, except inside a document symbol ("57-NQ/TW", U+2011 in
 * the layout): that word is one unbreakable piece, drawn with a plain hyphen (the fonts have no
 * U+2011 glyph).
 */
function pieces(text: string, style: { bold?: boolean; italics?: boolean }): ContentText[] {
  if (!text.includes('\u2011')) return [{ text, ...style }];
  const out: ContentText[] = [];
  let plain = '';
  for (const w of text.match(/^\s+|\S+\s*/g) ?? []) {
    if (!w.includes('\u2011')) {
      plain += w;
      continue;
    }
    if (plain) out.push({ text: plain, ...style });
    plain = '';
    out.push({ text: w.replaceAll('\u2011', '-'), ...style, noWrap: true });
  }
  if (plain) out.push({ text: plain, ...style });
  return out;
}

function paragraph(p: ParagraphBlock, extraBefore = 0): ContentText {
  const style = (r: Run) => ({ bold: r.bold ?? false, italics: r.italics ?? false });
  const text = p.runs.some((r) => r.text.trim())
    ? p.runs.flatMap((r) =>
        p.align === 'justify'
          ? words(r.text.normalize('NFC'), style(r))
          : pieces(r.text.normalize('NFC'), style(r)),
      )
    : // A blank line still takes a line's height.
      '\u00a0';
  return {
    text,
    fontSize: p.size,
    alignment: p.align,
    lineHeight: p.lineSpacing * WORD_LINE,
    leadingIndent: p.firstLineIndent ? pt(p.firstLineIndent) : undefined,
    margin: [0, pt(p.before + extraBefore), 0, pt(p.after)],
    ...(p.field ? { id: p.field } : {}),
  };
}

/** A rule as a canvas line, placed like Word's paragraph border: 1 pt below a 2 pt line. */
function rule(r: RuleBlock): Content {
  const side = pt(Math.max(0, (r.width - r.length) / 2));
  const y = pt(r.height) + 1;
  return {
    canvas: [{ type: 'line', x1: side, y1: y, x2: side + pt(r.length), y2: y, lineWidth: r.thickness }],
    margin: [0, 0, 0, r.thickness / 2],
  };
}

/**
 * Cell content. The signature space is the same height with or without an image, so the name —
 * and the box reported for the signature — stay where they are.
 */
function cellContent(blocks: CellBlock[], signature: SignatureImage | null): Content[] {
  const out: Content[] = [];
  let pending = 0;
  for (const b of blocks) {
    if (b.type === 'signatureSpace') {
      if (signature) {
        const space = pt(b.height);
        const above = (space - signature.height) / 2;
        out.push({
          image: signature.name,
          width: signature.width,
          height: signature.height,
          alignment: 'center',
          margin: [0, above, 0, space - signature.height - above],
        });
      } else pending += b.height;
    } else if (b.type === 'rule') out.push(rule(b));
    else {
      out.push(paragraph(b, pending));
      pending = 0;
    }
  }
  return out;
}

function columns(c: ColumnsBlock, signature: SignatureImage | null): Content {
  return {
    table: {
      widths: c.widths.map(pt),
      dontBreakRows: true,
      body: c.rows.map((r) => r.map((cell) => ({ stack: cellContent(cell, signature) }))),
    },
    layout: 'bare',
    margin: [pt(c.indent), 0, 0, 0],
  };
}

function grid(g: GridBlock): Content {
  const row = (cells: GridCell[]): TableCell[] =>
    cells.flatMap((c) => {
      const cell: TableCell = {
        stack: (c.lines.length ? c.lines : ['']).map((t) => ({ text: pieces(t, {}), alignment: c.align })),
        bold: c.bold,
        fontSize: g.size,
        lineHeight: WORD_LINE,
        verticalAlignment: 'middle',
        ...(c.span > 1 ? { colSpan: c.span } : {}),
      };
      return [cell, ...Array.from({ length: c.span - 1 }, () => '')];
    });
  return {
    table: {
      // pdfmake's widths are what is inside the padding and the rules; Word's include them.
      widths: g.widths.map((w) => pt(w - 2 * g.padding.horizontal) - g.thickness),
      headerRows: 1,
      dontBreakRows: true,
      body: [row(g.header), ...g.rows.map(row)],
    },
    layout: gridLayout(g)[0],
  };
}

/**
 * Headings are kept with what follows them (Word's keep-with-next). A heading and a short
 * paragraph after it move to the next page together, as one unbreakable block; a long paragraph
 * after a heading is free to break, and the heading is marked so that `keepHeadings` moves it to
 * the next page whenever no line of running text follows it on its own. The closing always moves
 * with the paragraph kept before it, so it never stands alone on a page.
 */
const KEEP_LIMIT = 200;

/** Marks read by `keepHeadings` (pdfmake passes `headlineLevel` through to it untouched). */
const HEADING = 'heading';
const TEXT = 'text';

const textLength = (b: Block) => (b.type === 'paragraph' ? b.runs.reduce((n, r) => n + r.text.length, 0) : 0);
const hasText = (b: Block) => b.type === 'paragraph' && b.runs.some((r) => r.text.trim());

function keepTogether(blocks: Block[], render: (b: Block) => Content): Content[] {
  const marked = (b: Block): Content => {
    const c = render(b);
    return hasText(b) && !(b.type === 'paragraph' && b.keepNext)
      ? (Object.assign(c as object, { headlineLevel: TEXT }) as Content)
      : c;
  };
  const out: Content[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== 'paragraph' || !b.keepNext) {
      out.push(marked(b));
      continue;
    }
    const group: Content[] = [];
    let j = i;
    let loose: Content | null = null;
    while (j < blocks.length) {
      const c = blocks[j]!;
      if (c.type === 'paragraph' && c.keepNext) {
        group.push(render(c));
        j++;
        continue;
      }
      const closing = c.type === 'columns' && c.role === 'closing';
      if ((c.type === 'paragraph' && textLength(c) <= KEEP_LIMIT) || closing) group.push(render(c));
      else loose = marked(c);
      j++;
      break;
    }
    out.push(
      loose
        ? ({ stack: group, unbreakable: true, headlineLevel: HEADING } as unknown as Content)
        : { stack: group, unbreakable: true },
    );
    if (loose) out.push(loose);
    i = j - 1;
  }
  return out;
}

interface NodeInfo {
  headlineLevel?: unknown;
}

/**
 * pdfmake's pageBreakBefore: a heading left without a line of running text after it on its page
 * goes to the next page.
 */
export function keepHeadings(node: NodeInfo, nodes: { getFollowingNodesOnPage(): NodeInfo[] }): boolean {
  if (node.headlineLevel !== HEADING) return false;
  return !nodes.getFollowingNodesOnPage().some((n) => n.headlineLevel === TEXT);
}

export function sectionContent(s: PageSection, signature: SignatureImage | null): Content[] {
  return keepTogether(s.blocks, (b) => {
    switch (b.type) {
      case 'paragraph':
        return paragraph(b);
      case 'rule':
        return rule(b);
      case 'columns':
        return columns(b, b.role === 'closing' ? signature : null);
      case 'grid':
        return grid(b);
    }
  });
}
