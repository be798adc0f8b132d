import { ErrorBox } from './error-box';

/** One message per Docker engine the console could not reach; the rest of the page shows the others. */
export function EngineProblems({ problems }: { problems: readonly { url: string; message: string }[] }) {
  return problems.map((problem) => <ErrorBox key={problem.url} message={problem.message} />);
}
