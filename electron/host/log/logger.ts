export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Fields a log line may carry: codes, counts, references. Never names, ID numbers or answers. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// A safety net under the rule that log fields carry codes and references only: anything
// shaped like a resident ID number or a mobile number is blanked before it is written.
const ID_NUMBER = /\d{17}[\dXx]|\d{15}/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Blanks ID-number- and phone-shaped runs in a log value. */
export function scrub(value: string): string {
  return value.replace(ID_NUMBER, '[redacted]').replace(MOBILE, '[redacted]');
}

function scrubFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = typeof value === 'string' ? scrub(value) : value;
  return out;
}

/** A structured logger: one JSON object a line, to the given sink (stderr by default). */
export function createLogger(opts: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const log = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (ORDER[level] < min) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, event: scrub(event), ...scrubFields(fields) })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** The error's class name only: messages can carry data we do not control. */
export function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** A sink that writes each line to every sink given. */
export function tee(...sinks: ((line: string) => void)[]): (line: string) => void {
  return (line) => {
    for (const sink of sinks) sink(line);
  };
}
