/** A submitted form's text fields by name (a checkbox is 'on' when ticked, absent when not). */
export function formFields(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries(new FormData(form)) as Record<string, string>;
}
