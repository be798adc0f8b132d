'use client';

import { useEffect, useId, useRef } from 'react';

/**
 * Marks the control a field error is about: aria-invalid (the error border, globals.css) and
 * aria-describedby pointing at the message. The control is the form's element of that name, or
 * else the control next to the message; the marks go when the message does.
 */
function useMarkInvalid(name: string, message: string | undefined) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box || !message) return;
    const named = box.closest('form')?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    const control = named ?? box.parentElement?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea');
    if (!control) return;
    const describedBy = control.getAttribute('aria-describedby');
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [describedBy, box.id].filter(Boolean).join(' '));
    return () => {
      control.removeAttribute('aria-invalid');
      if (describedBy === null) control.removeAttribute('aria-describedby');
      else control.setAttribute('aria-describedby', describedBy);
    };
  }, [name, message]);
  return ref;
}

/** One field's message, under the field; its control gets aria-invalid and the error border. */
export function FieldErrorText({ message, name }: { message: string | undefined; name: string }) {
  const ref = useMarkInvalid(name, message);
  const id = `field-error${useId().replace(/:/g, '')}`;
  return message ? (
    <div ref={ref} id={id} className="field-error" data-testid={`error-${name}`}>
      {message}
    </div>
  ) : null;
}

/** The API's message for one form field, under the field. */
export function FieldMessage({ name, fields }: { name: string; fields: Record<string, string> }) {
  return <FieldErrorText name={name} message={fields[name]} />;
}
