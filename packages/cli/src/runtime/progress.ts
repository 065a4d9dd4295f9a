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
