import { MessageBox } from './message-box';

/** A failure in words (the API's or Docker's own message), announced at once; nothing when there is none. */
export function ErrorBox(props: { message: string | null | undefined; testId?: string }) {
  return <MessageBox kind="error" {...props} />;
}
