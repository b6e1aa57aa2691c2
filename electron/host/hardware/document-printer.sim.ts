import { checkDocumentJob, type DocumentPrinter, type DocumentPrintOptions } from '../../../shared/hardware/document-printer';
import type { Completion } from '../../../shared/hardware/types';
import { SimSpoolPrinter } from './sim-spool';

/** Options of {@link SimDocumentPrinter}. */
export interface SimDocumentPrinterOptions {
  /** Folder that receives one `<n>.pdf` per printed job. */
  dir: string;
}

/** Document printer simulator: each job becomes `<dir>/<n>.pdf` (mode 0600); faults can be injected. */
export class SimDocumentPrinter extends SimSpoolPrinter implements DocumentPrinter {
  private readonly copiesByJob = new Map<string, number>();

  constructor(opts: SimDocumentPrinterOptions) {
    super(opts.dir, 'pdf', 'Document printer');
  }

  /** Copies asked for a job this instance printed. */
  copiesOf(jobId: string): number | undefined {
    return this.copiesByJob.get(jobId);
  }

  /** Writes the PDF to the next numbered file unless the job is invalid, the printer not ready or a fault armed. */
  async print(pdf: Uint8Array, opts: DocumentPrintOptions): Promise<Completion<{ jobId: string }>> {
    const refused = checkDocumentJob(pdf, opts);
    if (refused) return refused;
    const done = await this.spool(pdf, 0o600);
    if (done.code !== 'success' || !done.value) return { code: done.code, message: done.message };
    const jobId = `sim-${done.value.n}`;
    this.copiesByJob.set(jobId, opts.copies ?? 1);
    return { code: 'success', message: 'Printed', value: { jobId } };
  }
}
