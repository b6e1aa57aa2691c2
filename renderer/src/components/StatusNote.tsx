/** A short note on what just happened (saved, printed, refunded), said by screen readers; nothing without one. */
export function StatusNote({ text, testId }: { text: string | null; testId: string }) {
  if (text === null) return null;
  return (
    <p role="status" data-testid={testId}>
      {text}
    </p>
  );
}
