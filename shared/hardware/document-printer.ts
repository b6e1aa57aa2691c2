import type { Completion, Device } from './types';

/** Options of one document print job. */
export interface DocumentPrintOptions {
  /** Job title shown in the print queue to anyone who can list it: a document kind, never a name. */
  title: string;
  /** Number of copies, 1 to {@link MAX_DOCUMENT_COPIES} (default 1). */
  copies?: number;
}

/** An A4 document printer (PDF in, paper out), or its simulator. */
export interface DocumentPrinter extends Device {
  /** Prints a PDF; resolves with a completion code (and the queue's job id when it has one), never rejects. */
  print(pdf: Uint8Array, opts: DocumentPrintOptions): Promise<Completion<{ jobId: string }>>;
}

/** More copies than this is a bug in the caller, not a resident's wish. */
export const MAX_DOCUMENT_COPIES = 10;

/** Longest job title passed on to the print queue. */
export const MAX_DOCUMENT_TITLE = 100;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Checks a job before any device sees it; returns the refusal, or undefined when it may go ahead. */
export function checkDocumentJob(pdf: Uint8Array, opts: DocumentPrintOptions): Completion<{ jobId: string }> | undefined {
  if (!(pdf instanceof Uint8Array) || pdf.length < PDF_MAGIC.length || PDF_MAGIC.some((b, i) => pdf[i] !== b)) {
    return { code: 'userError', message: 'Document is not a PDF' };
  }
  const copies = opts.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_DOCUMENT_COPIES) {
    return { code: 'userError', message: `Copies must be a whole number from 1 to ${MAX_DOCUMENT_COPIES}` };
  }
  if (typeof opts.title !== 'string' || cleanDocumentTitle(opts.title) === '') {
    return { code: 'userError', message: 'Document title is empty' };
  }
  return undefined;
}

/** The title as the queue should get it: control characters removed, length capped. */
export function cleanDocumentTitle(title: string): string {
  return title.replace(/\p{Cc}/gu, ' ').trim().slice(0, MAX_DOCUMENT_TITLE);
}
