import type { KioskApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode, where the HTTP client is used. */
    kiosk?: KioskApi;
  }
}

export {};
