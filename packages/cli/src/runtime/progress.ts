/**
 * Progress for people at a terminal: one line per step with its duration. Logs go to stderr as
 * JSON; these lines go to stdout.
 */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const tty = process.stdout.isTTY;
  if (tty) process.stdout.write(`… ${label}`);
  try {
    const result = await work();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(tty ? `\r✔ ${label} (${seconds} s)\n` : `✔ ${label} (${seconds} s)\n`);
    return result;
  } catch (error) {
    process.stdout.write(tty ? `\r✘ ${label}\n` : `✘ ${label}\n`);
    throw error;
  }
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The steps of a cut that took a noticeable time, slowest first: "aggregates 41.2 s, listing_row 20.3 s, …". */
export function phaseLine(phases: readonly { name: string; seconds: number }[]): string {
  return [...phases]
    .filter((p) => p.seconds >= 0.5)
    .sort((a, b) => b.seconds - a.seconds)
    .map((p) => `${p.name} ${p.seconds.toFixed(1)} s`)
    .join(', ');
}
