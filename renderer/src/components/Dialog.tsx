import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  testId: string;
}

/** A modal alert dialog; focus moves to its first button so a screen reader announces it. */
export function Dialog({ title, children, actions, testId }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The safe answer when a dialog says which (data-autofocus), else the first: one OK must never end a session by surprise.
    (ref.current?.querySelector<HTMLButtonElement>('button[data-autofocus]') ?? ref.current?.querySelector<HTMLButtonElement>('button'))?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby={titleId} className="dialog" ref={ref} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="actions">{actions}</div>
      </div>
    </div>
  );
}
