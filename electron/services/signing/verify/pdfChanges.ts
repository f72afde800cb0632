import { PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from '@cantoo/pdf-lib';
import { fingerprinter, get, text } from './pdfStructure.ts';

/** What the incremental updates after a signature did, and whether a later signer may do that. */
export interface ChangeReport {
  /** Only annotations and new signature fields: what ND30's văn thư adds after the head signs. */
  allowed: boolean;
  items: string[];
}

/** Catalog entries a later signature legitimately changes (the form, signature data, metadata). */
const CATALOG_FREE = ['Pages', 'AcroForm', 'DSS', 'Perms', 'Metadata'];

function annotRefs(page: PDFPage): { key: string; ref: PDFObject }[] {
  const annots = page.node.Annots();
  if (!annots) return [];
  return annots
    .asArray()
    .map((ref, i) => ({ key: ref instanceof PDFRef ? ref.toString() : `inline-${i}`, ref }));
}

function isSignatureField(doc: PDFDocument, annot: PDFDict): boolean {
  let node: PDFDict | undefined = annot;
  for (let depth = 0; node && depth < 10; depth++) {
    if (get(node, 'FT')?.toString() === '/Sig') return true;
    const parent = get(node, 'Parent');
    node = parent ? (doc.context.lookup(parent) as PDFDict | undefined) : undefined;
    if (!(node instanceof PDFDict)) return false;
  }
  return false;
}

function describeNewAnnotation(
  doc: PDFDocument,
  annot: PDFDict,
  pageNo: number,
): { ok: boolean; text: string } {
  const subtype = get(annot, 'Subtype')?.toString().slice(1) ?? 'không rõ';
  if (get(annot, 'A') || get(annot, 'AA')) {
    return { ok: false, text: `thêm một chú thích kèm hành động (${subtype}) trên trang ${pageNo}` };
  }
  if (subtype === 'Widget') {
    if (isSignatureField(doc, annot)) {
      const name = text(get(annot, 'T'));
      return { ok: true, text: `thêm một chữ ký số${name ? ` (trường "${name}")` : ''}` };
    }
    return { ok: false, text: `thêm một trường biểu mẫu trên trang ${pageNo}` };
  }
  const contents = text(get(annot, 'Contents'));
  if (subtype === 'FreeText') {
    return { ok: true, text: `thêm chú thích chữ trên trang ${pageNo}${contents ? `: "${contents}"` : ''}` };
  }
  if (subtype === 'Stamp') {
    return { ok: true, text: `thêm hình${contents ? ` "${contents}"` : ''} trên trang ${pageNo}` };
  }
  return { ok: true, text: `thêm chú thích loại ${subtype} trên trang ${pageNo}` };
}

/**
 * Compares the document as it was signed (`before`, the revision the signature ends with) with
 * the file as it is now (`after`): pages added or removed, page content or resources changed,
 * annotations added, changed or removed, document-level entries changed.
 */
export function describeChanges(before: PDFDocument, after: PDFDocument): ChangeReport {
  const items: string[] = [];
  let allowed = true;
  const bad = (s: string) => {
    allowed = false;
    items.push(s);
  };
  const fb = fingerprinter(before);
  const fa = fingerprinter(after);

  const pagesBefore = before.getPages();
  const pagesAfter = after.getPages();
  if (pagesAfter.length > pagesBefore.length) {
    const added = pagesAfter.length - pagesBefore.length;
    bad(`thêm ${added} trang (trang ${pagesBefore.length + 1}${added > 1 ? `–${pagesAfter.length}` : ''})`);
  } else if (pagesAfter.length < pagesBefore.length) {
    bad(`bớt ${pagesBefore.length - pagesAfter.length} trang`);
  }
  const n = Math.min(pagesBefore.length, pagesAfter.length);
  for (let i = 0; i < n; i++) {
    const pb = pagesBefore[i]!;
    const pa = pagesAfter[i]!;
    if (fb(pb.node, ['Annots']) !== fa(pa.node, ['Annots'])) bad(`nội dung trang ${i + 1} bị thay đổi`);
    const annBefore = annotRefs(pb);
    const annAfter = annotRefs(pa);
    const afterKeys = new Map(annAfter.map((a) => [a.key, a.ref]));
    for (const a of annBefore) {
      const now = afterKeys.get(a.key);
      if (!now) bad(`một chú thích trên trang ${i + 1} bị xóa`);
      else if (fb(a.ref) !== fa(now)) bad(`một chú thích có sẵn trên trang ${i + 1} bị thay đổi`);
    }
    const beforeKeys = new Set(annBefore.map((a) => a.key));
    for (const a of annAfter) {
      if (beforeKeys.has(a.key)) continue;
      const dict = after.context.lookup(a.ref);
      if (!(dict instanceof PDFDict)) continue;
      const d = describeNewAnnotation(after, dict, i + 1);
      if (d.ok) items.push(d.text);
      else bad(d.text);
    }
  }

  const keys = new Set([...before.catalog.keys(), ...after.catalog.keys()].map((k) => k.decodeText()));
  for (const key of keys) {
    if (CATALOG_FREE.includes(key)) continue;
    if (fb(before.catalog.get(PDFName.of(key))) !== fa(after.catalog.get(PDFName.of(key)))) {
      bad(`mục /${key} của tài liệu bị thay đổi`);
    }
  }
  // Fields of the form: those that were there stay as they were; new ones must be signatures.
  const fields = (doc: PDFDocument) => {
    const form = doc.catalog.get(PDFName.of('AcroForm'));
    const dict = form ? doc.context.lookup(form) : undefined;
    const list = dict instanceof PDFDict ? dict.get(PDFName.of('Fields')) : undefined;
    const arr = list ? doc.context.lookup(list) : undefined;
    return arr && 'asArray' in arr ? (arr as { asArray(): PDFObject[] }).asArray() : [];
  };
  const fieldsAfter = new Map(fields(after).map((f) => [f.toString(), f]));
  for (const f of fields(before)) {
    const now = fieldsAfter.get(f.toString());
    if (!now) bad('một trường của biểu mẫu bị xóa');
    else if (fb(f) !== fa(now)) bad('một trường có sẵn của biểu mẫu bị thay đổi');
  }
  const beforeFields = new Set(fields(before).map((f) => f.toString()));
  for (const [key, f] of fieldsAfter) {
    if (beforeFields.has(key)) continue;
    const dict = after.context.lookup(f);
    if (dict instanceof PDFDict && !isSignatureField(after, dict))
      bad('thêm một trường biểu mẫu không phải chữ ký');
  }
  return { allowed, items: [...new Set(items)] };
}
