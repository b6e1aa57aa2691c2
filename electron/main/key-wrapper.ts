import { safeStorage } from 'electron';
import type { KeyWrapper } from '../host/crypto/key-store';

/**
 * The data key file, wrapped with the OS keyring through Electron's safeStorage. On Linux
 * without a keyring Electron falls back to a fixed password ('basic_text'), which protects
 * nothing: then the file's 0600 mode is all there is, and we say so rather than pretend.
 */
export function safeStorageWrapper(): KeyWrapper | undefined {
  if (!usable()) return undefined;
  return safeStorageReader();
}

function usable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

/**
 * Opens a key file sealed by safeStorage, asking whether the keyring is there at each read: a
 * keyring unlocked after the kiosk started is then found by the host's next retry.
 */
export function safeStorageReader(): KeyWrapper {
  return {
    name: 'safeStorage',
    wrap: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unwrap: (wrapped) => {
      if (!usable()) throw new Error('keyringUnavailable');
      return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
    },
  };
}
