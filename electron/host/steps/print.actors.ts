import { fromPromise } from 'xstate';
import type { PrintStep } from '../../../shared/steps/print/print.step';
import type { PrintRequest } from '../../../shared/steps/print/print.actors';
import { isReady } from '../../../shared/hardware/types';
import { StepError } from '../../../shared/steps/step-error';
import { a4Content, documentNumber } from '../documents/a4-documents';
import { endorsementOf } from '../documents/endorsement';
import type { PrintSource } from '../documents/print-source';
import { buildDocumentPdf, fontCoversWords } from '../hardware/document-pdf';
import { buildSlip } from '../hardware/escpos';
import { slipContent } from '../slip';
import { recordPrint } from '../store/repos/print-jobs';
import type { StepDeps } from './step-deps';

/** How long a resident has to put the permit into the printer's slot. */
export const PERMIT_INSERT_MS = 120_000;

/** Waits until the permit printer has a card in its slot, or the wait is called off. */
function waitForCard(deps: StepDeps, signal: AbortSignal): Promise<void> {
  const printer = deps.devices.permitPrinter;
  if (printer.status().media === 'present') return Promise.resolve();
  // Called off before it began (staff cancelled while an earlier print of the reference ran).
  if (signal.aborted) return Promise.reject(new Error('Stopped waiting for the permit.'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new StepError('notReady', 'No permit was put into the printer.'))), PERMIT_INSERT_MS);
    const stop = printer.onStatus((s) => {
      if (s.media === 'present') finish(resolve);
    });
    const onAbort = () => finish(() => reject(new Error('Stopped waiting for the permit.')));
    function finish(then: () => void) {
      clearTimeout(timer);
      stop();
      signal.removeEventListener('abort', onAbort);
      then();
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Prints one print step of a submission: the slip, an A4 document (PDF to the document
 * printer), or the endorsement onto the permit card. Every outcome is recorded against the
 * reference, so what did not print can be printed later by reference and staff see it.
 * Rejects with StepError('notReady') when the device is not ready, StepError('failed') otherwise.
 */
export async function printOne(deps: StepDeps, step: PrintStep, source: PrintSource, signal: AbortSignal): Promise<{ documentNumber: string | null }> {
  const { devices, log } = deps;
  const now = new Date();
  const record = (printed: boolean, number: string | null, error: string | null) =>
    recordPrint(deps.db, {
      reference: source.reference,
      stepId: step.id,
      output: step.output,
      document: step.output === 'a4' ? step.document : null,
      printed,
      documentNumber: number,
      error,
      now: now.getTime(),
    });
  const device = step.output === 'slip' ? 'receiptPrinter' : step.output === 'a4' ? 'documentPrinter' : 'permitPrinter';
  const refuse = (code: 'notReady' | 'failed', detail: string, number: string | null = null): never => {
    record(false, number, detail);
    deps.counters?.record(device, detail);
    log.warn('print.failed', { reference: source.reference, output: step.output, code: detail });
    throw new StepError(code, `Not printed: ${detail}.`);
  };

  if (step.output === 'slip') {
    const result = await devices.receiptPrinter.print(buildSlip(slipContent(step, source, now)));
    if (result.code !== 'success') return refuse(result.code === 'deviceNotReady' ? 'notReady' : 'failed', result.code);
    record(true, null, null);
    deps.counters?.record(device, 'ok');
    deps.supplies?.use('receiptPaper', 1);
    log.info('printer.slipPrinted', { reference: source.reference });
    return { documentNumber: null };
  }
  if (step.output === 'a4') {
    if (!isReady(devices.documentPrinter.status())) return refuse('notReady', 'deviceNotReady');
    const number = documentNumber(step.document, deps.kioskId, now);
    let pdf: Uint8Array;
    let pages = 0;
    const onPages = (n: number) => (pages = n);
    try {
      let content = a4Content(step.document, source, number, now);
      // Where the document font cannot draw the resident's language, the document is printed in
      // Simplified Chinese, the language these documents are issued in.
      if (!(await fontCoversWords(content, deps.documentFont))) {
        content = a4Content(step.document, { ...source, lang: 'zh-CN' }, number, now);
        log.info('printer.documentInChinese', { lang: source.lang, document: step.document });
      }
      pdf = await buildDocumentPdf(content, deps.documentFont ? { fontPath: deps.documentFont, now, onPages } : { now, onPages });
    } catch {
      return refuse('failed', 'pdfFailed', number);
    }
    const result = await devices.documentPrinter.print(pdf, { title: step.document });
    if (result.code !== 'success') return refuse(result.code === 'deviceNotReady' ? 'notReady' : 'failed', result.code, number);
    record(true, number, null);
    deps.counters?.record(device, 'ok');
    deps.supplies?.use('a4Paper', pages);
    log.info('printer.documentPrinted', { reference: source.reference, document: step.document });
    return { documentNumber: number };
  }
  const printer = devices.permitPrinter;
  if (!isReady(printer.status())) return refuse('notReady', 'deviceNotReady');
  try {
    await waitForCard(deps, signal);
  } catch (error) {
    if (error instanceof StepError) return refuse('notReady', 'noCard');
    throw error;
  }
  const print = endorsementOf(source, now);
  const result = await printer.printEndorsement(print);
  if (result.code !== 'success') return refuse(result.code === 'deviceNotReady' ? 'notReady' : 'failed', result.code);
  await printer.eject();
  record(true, null, null);
  deps.counters?.record(device, 'ok');
  deps.supplies?.use('permitRibbon', 1);
  log.info('printer.endorsementPrinted', { reference: source.reference });
  return { documentNumber: null };
}

/** The print step's side effect, from the session at the kiosk. */
export function printHostActors(deps: StepDeps) {
  return {
    print: fromPromise<{ documentNumber: string | null }, PrintRequest>(async ({ input, signal }) => {
      const { session } = input;
      if (!session.reference || !session.identity) throw new StepError('failed', 'Nothing was submitted to print for.');
      return printOne(
        deps,
        input.step,
        { serviceId: input.serviceId, lang: input.lang, reference: session.reference, identity: session.identity, answers: session.answers, lookups: session.lookups, payment: session.payment },
        signal,
      );
    }),
  };
}
