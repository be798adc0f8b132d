/** Why a form was refused as a whole (a field's own message stands under the field). */
export function FormFailure({ message, testId }: { message: string | null; testId?: string }) {
  return message ? (
    <div className="field-error" role="alert" data-testid={testId}>
      {message}
    </div>
  ) : null;
}
