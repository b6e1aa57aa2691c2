import type { ReceiptPrinter } from '../../../shared/hardware/receipt-printer';
import type { Completion } from '../../../shared/hardware/types';
import { SimSpoolPrinter } from './sim-spool';

/** Options of {@link SimReceiptPrinter}. */
export interface SimReceiptPrinterOptions {
  /** Folder that receives one `<n>.bin` file per printed job. */
  dir: string;
}

/** Receipt printer simulator: each job's ESC/POS bytes become `<dir>/<n>.bin`; faults can be injected. */
export class SimReceiptPrinter extends SimSpoolPrinter implements ReceiptPrinter {
  constructor(opts: SimReceiptPrinterOptions) {
    super(opts.dir, 'bin', 'Receipt printer');
  }

  /** Writes the job to the next numbered file unless the printer is not ready or a fault is armed. */
  async print(job: Uint8Array): Promise<Completion> {
    if (job.length === 0) return { code: 'userError', message: 'Print job is empty' };
    const { code, message } = await this.spool(job);
    return { code, message };
  }
}
