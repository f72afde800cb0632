import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';

/** Reads a PDF for checking only: lenient, nothing rewritten, nothing decrypted. */
export async function loadForReading(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, {
    ignoreEncryption: true,
    updateMetadata: false,
    throwOnInvalidObject: false,
  });
}

export function text(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText().normalize('NFC');
  if (obj instanceof PDFName) return obj.decodeText();
  return null;
}

export function get(dict: PDFDict, key: string): PDFObject | undefined {
  return dict.get(PDFName.of(key));
}

/** A signature dictionary as found in the file. */
export interface FoundSignature {
  ref: PDFRef;
  byteRange: number[];
  contents: Uint8Array;
  subFilter: string | null;
  fieldName: string | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  m: string | null;
}

/** Every signature dictionary (/ByteRange + /Contents) in the file, with its field's name. */
export function findSignatures(doc: PDFDocument): FoundSignature[] {
  const found: FoundSignature[] = [];
  const fieldNames = new Map<string, string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const v = get(obj, 'V');
    const t = text(get(obj, 'T'));
    if (v instanceof PDFRef && t) fieldNames.set(v.toString(), t);
  }
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj instanceof PDFStream) continue;
    const br = get(obj, 'ByteRange');
    const contents = get(obj, 'Contents');
    if (!(br instanceof PDFArray) || !(contents instanceof PDFHexString || contents instanceof PDFString))
      continue;
    const byteRange = br.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    found.push({
      ref,
      byteRange,
      contents: contents.asBytes(),
      subFilter: text(get(obj, 'SubFilter')),
      fieldName: fieldNames.get(ref.toString()) ?? null,
      name: text(get(obj, 'Name')),
      reason: text(get(obj, 'Reason')),
      location: text(get(obj, 'Location')),
      m: text(get(obj, 'M')),
    });
  }
  return found;
}

/**
 * A fingerprint of what an object shows, following references (by content, not by number) and
 * leaving out the keys that point back up (/Parent, /P) or that later signers may change
 * (`skip`). Two revisions whose page fingerprints match draw the same page.
 */
export function fingerprinter(doc: PDFDocument) {
  const memo = new Map<string, string>();
  const visiting = new Set<string>();
  // A page reached through a reference (a named destination, an outline) stands for its place in
  // the document: pages are compared one by one on their own, so the annotations a later signer
  // may add to a page do not make /Names or /Outlines look changed.
  const pageAt = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const walk = (obj: PDFObject | undefined, skip: readonly string[] = []): string => {
    if (obj === undefined) return 'undefined';
    if (obj instanceof PDFRef) {
      const key = obj.toString();
      const page = pageAt.get(key);
      if (page !== undefined) return `page ${page}`;
      const known = memo.get(key);
      if (known) return known;
      if (visiting.has(key)) return `cycle`;
      visiting.add(key);
      const h = walk(doc.context.lookup(obj));
      visiting.delete(key);
      memo.set(key, h);
      return h;
    }
    const hash = createHash('sha256');
    if (obj instanceof PDFStream) {
      hash.update('stream');
      hash.update(walk(obj.dict, skip));
      hash.update(obj.getContents());
    } else if (obj instanceof PDFDict) {
      hash.update('dict');
      const entries = obj
        .entries()
        .filter(([k]) => !['/Parent', '/P', ...skip.map((s) => `/${s}`)].includes(k.toString()))
        .sort(([a], [b]) => (a.toString() < b.toString() ? -1 : 1));
      for (const [k, v] of entries) hash.update(`${k.toString()}=${walk(v)};`);
    } else if (obj instanceof PDFArray) {
      hash.update('array');
      for (const v of obj.asArray()) hash.update(`${walk(v)},`);
    } else {
      hash.update(obj.toString());
    }
    return hash.digest('hex');
  };
  return walk;
}
