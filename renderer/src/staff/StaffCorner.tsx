import { useRef } from 'react';

/** How long staff hold the corner: longer than any resident's touch. */
export const HOLD_MS = 3000;

/**
 * The hidden way into staff mode: holding the top-left corner of the welcome screen for three
 * seconds. Nothing shows it and assistive technology does not announce it; a staff card on the
 * reader is the other way in.
 */
export function StaffCorner({ onOpen }: { onOpen: () => void }) {
  const timer = useRef<number | undefined>(undefined);
  const stop = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
  };
  return (
    <div
      className="staff-corner"
      aria-hidden="true"
      data-testid="staff-corner"
      onPointerDown={() => {
        stop();
        timer.current = window.setTimeout(() => {
          timer.current = undefined;
          onOpen();
        }, HOLD_MS);
      }}
      onPointerUp={stop}
      onPointerLeave={stop}
      onPointerCancel={stop}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}
