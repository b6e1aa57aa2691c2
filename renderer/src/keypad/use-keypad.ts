import { useEffect } from 'react';
import { installKeypad } from './keypad-controller';
import './keypad.css';

/** Makes the whole kiosk usable with its physical keypad (arrows, OK, Back, Help, digits); see keypad-controller.ts. */
export function useKeypad(): void {
  useEffect(() => installKeypad(window), []);
}
