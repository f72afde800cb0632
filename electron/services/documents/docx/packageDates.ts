import type { LaidOutDocument } from '../layout/model.ts';

/**
 * docProps/core.xml would carry the moment the .docx was packed (dcterms:created and
 * dcterms:modified, which docx sets to now): it is written here from the document itself, so the
 * same input and clock give the same bytes. The zip's own file times are fixed by zipPackage.ts.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** W3CDTF, whole seconds, UTC. */
const w3c = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** docProps/core.xml with the layout's title, author and date, as docx writes it otherwise. */
export function coreProperties(layout: LaidOutDocument): { path: string; data: string } {
  const when = w3c(layout.createdAt);
  const data =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(layout.title)}</dc:title><dc:creator>${esc(layout.author)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
  return { path: 'docProps/core.xml', data };
}
