import type { ComponentProps } from 'react';

interface Props extends ComponentProps<'button'> {
  variant?: 'primary' | 'secondary' | 'link' | 'warning';
}

/** A touch-sized button (at least 48 px in both directions). */
export function Button({ variant = 'primary', className, type = 'button', ...rest }: Props) {
  return <button type={type} className={`btn btn-${variant}${className ? ` ${className}` : ''}`} {...rest} />;
}
