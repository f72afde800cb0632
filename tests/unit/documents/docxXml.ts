import fs from 'node:fs';
import JSZip from 'jszip';
import { fileURLToPath } from 'node:url';
import { loadCatalogFile } from '../../../electron/services/catalog/loadCatalog.ts';
import { renderDocx } from '../../../electron/services/documents/renderDocument.ts';
import { exchangeSchema, type ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';

/** Reading a .docx back at the XML level: parts, paragraphs, tables, section properties. */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PLAN_EXAMPLE = `${ROOT}docs/examples/plan-so-khcn.json`;
export const REPORT_EXAMPLE = `${ROOT}docs/examples/report-6-thang-2026-so-khcn.json`;
export const catalog = loadCatalogFile(`${ROOT}resources/plans/34-KH-UBND-2025.json`);

/** Example JSON being edited by a test: any shape, so tests can break it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawJson = any;

export function loadExample(file: string): ExchangeDocument {
  return exchangeSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** A deep copy of an example with some fields changed (re-validated, so defaults apply). */
export function variant(file: string, change: (raw: RawJson) => void): ExchangeDocument {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawJson;
  change(raw);
  return exchangeSchema.parse(raw);
}

export interface Docx {
  parts: Map<string, string>;
  document: string;
  styles: string;
  /** Header part by relationship id. */
  header(rid: string): string;
}

export async function openDocx(bytes: Buffer | Uint8Array): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      parts.set(name, await zip.file(name)!.async('string'));
  }
  const rels = parts.get('word/_rels/document.xml.rels') ?? '';
  const styles = parts.get('word/styles.xml')!;
  const resolve = withStyles(styles);
  for (const [name, xml] of parts) {
    if (/^word\/(document|header\d+|footer\d+)\.xml$/.test(name)) parts.set(name, resolve(xml));
  }
  return {
    parts,
    document: parts.get('word/document.xml')!,
    styles,
    header(rid) {
      const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(
        rels,
      );
      const file = target?.[1] ?? target?.[2];
      if (!file) throw new Error(`no relationship ${rid}`);
      return parts.get(`word/${file}`)!;
    },
  };
}

/** Top-level property elements of a w:pPr or w:rPr, by name, in order. */
function properties(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:(\w+)\b[^>]*\/>|<w:(\w+)\b[^>]*>[\s\S]*?<\/w:\2>/g))
    out.set(m[1] ?? m[2]!, m[0]);
  return out;
}

const merged = (...layers: Map<string, string>[]) => {
  const out = new Map<string, string>();
  for (const l of layers) for (const [k, v] of l) out.set(k, v);
  return out;
};
const joined = (m: Map<string, string>) => [...m.values()].join('');

/**
 * The formatting Word shows, written out on every paragraph and run: document defaults, then the
 * paragraph's style (and what it is based on), then a run's character style, then direct
 * formatting. Tests read what a paragraph looks like whether it says it itself or its style does.
 */
function withStyles(stylesXml: string): (xml: string) => string {
  const defs = new Map<string, { basedOn?: string; pPr: Map<string, string>; rPr: Map<string, string> }>();
  for (const m of stylesXml.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const body = m[2]!;
    defs.set(m[1]!, {
      basedOn: /<w:basedOn w:val="([^"]+)"/.exec(body)?.[1],
      pPr: properties(/<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? ''),
      rPr: properties(/<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? ''),
    });
  }
  const chain = (id: string | undefined, kind: 'pPr' | 'rPr'): Map<string, string> => {
    const d = id ? defs.get(id) : undefined;
    return d ? merged(chain(d.basedOn, kind), d[kind]) : new Map();
  };
  const docRPr = properties(/<w:rPrDefault><w:rPr>([\s\S]*?)<\/w:rPr>/.exec(stylesXml)?.[1] ?? '');
  const docPPr = properties(/<w:pPrDefault><w:pPr>([\s\S]*?)<\/w:pPr>/.exec(stylesXml)?.[1] ?? '');
  return (xml) =>
    xml.replace(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g, (para) => {
      const [, pPrXml = '', rest = ''] = /^<w:p(?:\s[^>]*)?>(?:<w:pPr>([\s\S]*?)<\/w:pPr>)?([\s\S]*)$/.exec(
        para,
      )!;
      const style = /<w:pStyle w:val="([^"]+)"/.exec(pPrXml)?.[1] ?? 'Normal';
      const own = properties(pPrXml);
      own.delete('pStyle');
      const pPr = merged(docPPr, chain(style, 'pPr'), own);
      const rBase = merged(docRPr, chain(style, 'rPr'));
      const runs = rest.replace(
        /<w:r>(?:<w:rPr>([\s\S]*?)<\/w:rPr>)?/g,
        (_all, rPrXml: string | undefined) => {
          const direct = properties(rPrXml ?? '');
          const character = /<w:rStyle w:val="([^"]+)"/.exec(rPrXml ?? '')?.[1];
          direct.delete('rStyle');
          return `<w:r><w:rPr>${joined(merged(rBase, chain(character, 'rPr'), direct))}</w:rPr>`;
        },
      );
      return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${joined(pPr)}</w:pPr>${runs}`;
    });
}

export async function render(doc: ExchangeDocument): Promise<Docx> {
  return openDocx(await renderDocx(doc, catalog));
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export interface Para {
  xml: string;
  text: string;
  /** Inside a table cell. */
  inTable: boolean;
}

/** Every w:p of a part in order, with its text and whether it sits in a table. */
export function paragraphs(xml: string): Para[] {
  const out: Para[] = [];
  let depth = 0;
  const re = /<w:tbl>|<\/w:tbl>|<w:p\b[^>]*\/>|<w:p\b[^>]*>[\s\S]*?<\/w:p>/g;
  for (const m of xml.matchAll(re)) {
    if (m[0] === '<w:tbl>') depth++;
    else if (m[0] === '</w:tbl>') depth--;
    else out.push({ xml: m[0], text: textOf(m[0]), inTable: depth > 0 });
  }
  return out;
}

/** The text of a part of the XML; Word's non-breaking hyphen reads as a hyphen. */
export const textOf = (xml: string) =>
  unescape(
    [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
      .map((m) => (m[0] === '<w:noBreakHyphen/>' ? '-' : m[1]))
      .join(''),
  );

export function findPara(xml: string, pred: (text: string) => boolean): Para {
  const p = paragraphs(xml).find((x) => pred(x.text));
  if (!p) throw new Error('paragraph not found');
  return p;
}

/** The run properties of the first run with text. */
export function runProps(p: Para) {
  const run = /<w:r>([\s\S]*?)<\/w:r>/.exec(p.xml.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, ''))?.[1] ?? '';
  const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(run)?.[1] ?? '';
  const flag = (tag: string) => new RegExp(`<w:${tag}(?: w:val="(?:true|1|on)")?/>`).test(rPr);
  return {
    size: Number(/<w:sz w:val="(\d+)"/.exec(rPr)?.[1] ?? NaN),
    bold: flag('b'),
    italics: flag('i'),
    caps: flag('caps'),
  };
}

export function attr(xml: string, tag: string, name: string): string | undefined {
  const el = new RegExp(`<w:${tag}\\b[^>]*>`).exec(xml)?.[0];
  return el ? new RegExp(`w:${name}="([^"]*)"`).exec(el)?.[1] : undefined;
}

/** Section properties in document order (the last is the body's final sectPr). */
export function sections(document: string): string[] {
  return [...document.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
}

/** Top-level tables (the header table first, the closing table, then the appendix). */
export function tables(document: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (const m of document.matchAll(/<w:tbl>|<\/w:tbl>/g)) {
    if (m[0] === '<w:tbl>') {
      if (depth++ === 0) start = m.index;
    } else if (--depth === 0) out.push(document.slice(start, m.index + m[0].length));
  }
  return out;
}

/** Width of a rule paragraph: the cell or text width minus both indents. */
export function ruleLength(p: Para, width: number): number {
  return width - Number(attr(p.xml, 'ind', 'left') ?? 0) - Number(attr(p.xml, 'ind', 'right') ?? 0);
}

export const hasBottomRule = (p: Para) => /<w:pBdr>[\s\S]*<w:bottom w:val="single"/.test(p.xml);
