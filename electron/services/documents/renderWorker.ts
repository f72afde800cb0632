// Worker entry: the official .docx and PDF built off the main thread (see renderOffThread.ts).
// It runs the same builder entry points as before (renderDocument.ts, pdf/renderPdf.ts); the
// layout and the builders themselves are not changed by running here.
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ExchangeDocument } from '../../../shared/domain/documents/exchange.ts';
import { serveTasks } from '../workers/workerTasks.ts';
import { documentFonts } from './pdf/fonts.ts';
import { renderPdf } from './pdf/renderPdf.ts';
import { renderDocx } from './renderDocument.ts';

interface PdfInput {
  doc: ExchangeDocument;
  catalog: Catalog;
  fontsDir?: string;
  createdAt?: string;
}

const pdf = (input: PdfInput) =>
  renderPdf(input.doc, input.catalog, {
    // Fonts are read once per worker (fonts.ts caches them) and stay while the worker lives.
    ...(input.fontsDir ? { fonts: documentFonts(input.fontsDir) } : {}),
    ...(input.createdAt ? { createdAt: new Date(input.createdAt) } : {}),
  });

serveTasks({
  docx: async (input: { doc: ExchangeDocument; catalog: Catalog; createdAt?: string }) =>
    new Uint8Array(
      await renderDocx(
        input.doc,
        input.catalog,
        input.createdAt ? { createdAt: new Date(input.createdAt) } : {},
      ),
    ),
  pdf: async (input: PdfInput) => new Uint8Array((await pdf(input)).bytes),
  // The workflow's PDF: also where the number, the date and the signature go (ND30 fields).
  pdfWithFields: async (input: PdfInput) => {
    const { bytes, fields } = await pdf(input);
    return { bytes: new Uint8Array(bytes), fields };
  },
});
