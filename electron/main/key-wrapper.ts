import { safeStorage } from 'electron';
import type { KeyWrapper } from '../host/crypto/key-store';

/**
 * The data key file, wrapped with the OS keyring through Electron's safeStorage. On Linux
 * without a keyring Electron falls back to a fixed password ('basic_text'), which protects
 * nothing: then the file's 0600 mode is all there is, and we say so rather than pretend.
 */
export function safeStorageWrapper(): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    name: 'safeStorage',
    wrap: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
