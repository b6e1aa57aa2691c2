import { lazy, Suspense, type ComponentProps } from 'react';

// The touch keyboard (react-simple-keyboard and its styles) is its own chunk: the welcome screen
// has no field, so the first screen does not carry it. Fetched the first time a field shows.
const OnScreenKeyboard = lazy(() => import('./OnScreenKeyboard').then((m) => ({ default: m.OnScreenKeyboard })));

/**
 * The touch keyboard, fetched on first need. Until it is there, an empty box of its height
 * holds its place, so nothing moves under a finger when it arrives.
 */
export function LazyKeyboard(props: ComponentProps<typeof OnScreenKeyboard>) {
  return (
    <Suspense fallback={<div className="osk osk-loading" aria-hidden="true" data-testid="keyboard-loading" />}>
      <OnScreenKeyboard {...props} />
    </Suspense>
  );
}
