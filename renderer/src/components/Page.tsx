import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  heading: string;
  /** Changes when the screen changes, so focus moves to the new heading. */
  screenKey: string;
  caption?: string;
  children?: ReactNode;
  testId: string;
}

/** A screen: one h1 that takes focus on arrival, so screen readers announce where the resident is. */
export function Page({ heading, screenKey, caption, children, testId }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [screenKey]);
  return (
    <main id="main" className="page" data-testid={testId} data-screen={testId}>
      {caption ? <p className="caption">{caption}</p> : null}
      <h1 tabIndex={-1} ref={ref}>
        {heading}
      </h1>
      {children}
    </main>
  );
}
