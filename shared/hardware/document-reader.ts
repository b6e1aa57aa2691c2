import type { parseMrz } from '../domain/mrz';
import type { Device } from './types';

/** What a reader delivers for each document: the parsed zone or the reason it was refused. */
export type DocumentReadResult = ReturnType<typeof parseMrz>;

/**
 * A travel-document reader that reads the machine readable zone (serial OCR reader, keyboard
 * wedge, or the simulator). Documents arrive when the resident presents them, so the reader
 * pushes them rather than being asked.
 */
export interface DocumentReader extends Device {
  /** Calls `listener` once per presented document; returns the unsubscribe function. */
  onDocument(listener: (result: DocumentReadResult) => void): () => void;
}
