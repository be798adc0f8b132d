import { MessageBox } from './message-box';

/** What a change did, announced politely; nothing when there is no news. */
export function NoticeBox(props: { message: string | null | undefined; testId?: string }) {
  return <MessageBox kind="notice" {...props} />;
}
