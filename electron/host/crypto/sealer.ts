import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;

/** A sealed value cannot be opened: its key is gone, or it was altered. Carries no data. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(
    message: string,
    readonly code: 'unknownKey' | 'tampered' | 'format',
  ) {
    super(message);
  }
}

export interface DataKey {
  /** 8 ASCII characters naming the key inside every sealed value. */
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM for personal data at rest. Each value is sealed with a fresh IV and bound
 * to its context (the row it belongs to), so a sealed value moved to another row fails
 * to open. Layout: version | key id | IV | tag | ciphertext.
 */
export class Sealer {
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly current: DataKey,
    older: readonly DataKey[] = [],
  ) {
    if (current.key.length !== 32) throw new RangeError('A data key is 32 bytes.');
    if (!/^[0-9a-f]{8}$/.test(current.id)) throw new RangeError('A key id is 8 hex characters.');
    this.byId = new Map([...older, current].map((k) => [k.id, k.key]));
  }

  get keyId(): string {
    return this.current.id;
  }

  seal(plaintext: string | Uint8Array, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), Buffer.from(this.current.id, 'ascii'), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, context: string): Buffer {
    const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (blob.length < HEADER || blob[0] !== VERSION) throw new SealError('The sealed value is not in a known format.', 'format');
    const id = blob.subarray(1, 1 + KEY_ID_BYTES).toString('ascii');
    const key = this.byId.get(id);
    if (!key) throw new SealError('The key that sealed this value is not available on this kiosk.', 'unknownKey');
    const iv = blob.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + IV_BYTES);
    const tag = blob.subarray(1 + KEY_ID_BYTES + IV_BYTES, HEADER);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(blob.subarray(HEADER)), decipher.final()]);
    } catch {
      throw new SealError('The sealed value was altered or belongs to another record.', 'tampered');
    }
  }

  /** The key id a sealed value names, without opening it. */
  static keyIdOf(sealed: Uint8Array): string | undefined {
    if (sealed.length < HEADER || sealed[0] !== VERSION) return undefined;
    return Buffer.from(sealed.subarray(1, 1 + KEY_ID_BYTES)).toString('ascii');
  }
}
