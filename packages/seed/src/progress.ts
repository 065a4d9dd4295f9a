/**
 * A progress bar on a terminal (redrawn in place), or a line per tenth elsewhere (logs, CI).
 */
export class ProgressBar {
  private lastTenth = -1;

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly width = 30,
  ) {}

  update(done: number, total: number, detail: string): void {
    const ratio = total > 0 ? Math.min(done / total, 1) : 1;
    if (this.out.isTTY) {
      const filled = Math.round(ratio * this.width);
      this.out.write(
        `\r${this.label} [${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${Math.round(ratio * 100)}% ${detail}\x1b[K`,
      );
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${this.label} ${Math.round(ratio * 100)}% ${detail}\n`);
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
