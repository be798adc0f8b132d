/** The API's message for one form field, under the field. */
export function FieldMessage({ name, fields }: { name: string; fields: Record<string, string> }) {
  const message = fields[name];
  return message ? (
    <div className="field-error" data-testid={`error-${name}`}>
      {message}
    </div>
  ) : null;
}
