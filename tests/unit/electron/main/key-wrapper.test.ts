import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    // A reversible stand-in for the keyring: visibly not the plain text.
    encryptString: (s: string) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => {
      const text = b.toString();
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return Buffer.from(text.slice(7), 'hex').toString();
    },
  },
}));

const { safeStorageReader, safeStorageWrapper } = await import('../../../../electron/main/key-wrapper');

afterEach(() => {
  fake.available = true;
  fake.backend = 'gnome_libsecret';
});

describe('safeStorageWrapper', () => {
  it('wraps and unwraps the key file through the keyring', () => {
    const wrapper = safeStorageWrapper();
    expect(wrapper?.name).toBe('safeStorage');
    const plain = Buffer.from('{"keys":[]}');
    const wrapped = wrapper!.wrap(plain);
    expect(wrapped.includes(plain)).toBe(false);
    expect(wrapper!.unwrap(wrapped).equals(plain)).toBe(true);
  });

  it('is not used when the OS has no encryption, or only the basic_text fallback on Linux', () => {
    fake.available = false;
    expect(safeStorageWrapper()).toBeUndefined();
    fake.available = true;
    fake.backend = 'basic_text';
    expect(safeStorageWrapper() === undefined).toBe(process.platform === 'linux');
  });

  it('reads a file sealed earlier once the keyring turns up, and says so while it is not there', () => {
    const sealed = safeStorageWrapper()!.wrap(Buffer.from('keys'));
    fake.available = false;
    const reader = safeStorageReader();
    expect(() => reader.unwrap(sealed)).toThrow('keyringUnavailable');
    fake.available = true;
    expect(reader.unwrap(sealed).toString()).toBe('keys');
  });
});
