import styles from './usage-bar.module.css';

/** A filled bar with its figures in its name: an image to assistive technology, never a bare div with a label. */
export function UsageBar({ used, size, label, testId }: { used: number; size: number; label: string; testId?: string }) {
  const percent = size === 0 ? 0 : Math.min(100, Math.round((used / size) * 100));
  return (
    <div className={`${styles.bar} ${percent >= 90 ? styles.full : ''}`} role="img" aria-label={`${label}: ${used} of ${size} used (${percent} %)`} data-testid={testId} data-percent={percent}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
