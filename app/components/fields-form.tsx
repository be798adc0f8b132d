'use client';

import type { FormHTMLAttributes } from 'react';
import { formFields } from './form-fields';

type Props = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
  /** Gets the form's fields and the button that sent it (for forms with two actions). */
  onFields: (data: Record<string, string>, submitter: HTMLButtonElement | null) => unknown;
};

/** A form that stays on the page: on submit its fields go to onFields. */
export function FieldsForm({ onFields, ...attributes }: Props) {
  return (
    <form
      {...attributes}
      onSubmit={(event) => {
        event.preventDefault();
        void onFields(formFields(event.currentTarget), (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null);
      }}
    />
  );
}
