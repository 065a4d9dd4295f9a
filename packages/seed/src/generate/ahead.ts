import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorCode } from '@xingfu/domain/rules';
import type { GeneratorInit, GeneratorMessage } from './ledger.js';
import type { FailureMessage, WorkerInput } from './worker.js';

/**
 * The generator on a thread of its own: it generates the next rows while the loader copies the
 * previous ones (on two cores the generator and PostgreSQL's backend each keep one busy; the
 * loader's own thread only passes bytes on). Started before the loader's first queries, so its
 * modules are loaded by the time the database has answered them.
 */
export class GeneratorThread {
  private readonly worker = new Worker(new URL('./worker.js', import.meta.url));
  private readonly signals = new Int32Array(new SharedArrayBuffer(8));
  private readonly queue: (GeneratorMessage | FailureMessage)[] = [];
  private stopped: Error | null = null;
  private wake: (() => void) | null = null;

  constructor() {
    this.worker.on('message', (message: GeneratorMessage | FailureMessage) => {
      this.queue.push(message);
      this.signal();
    });
    this.worker.on('error', (error) => {
      this.stopped ??= error;
      this.signal();
    });
    this.worker.on('exit', (code) => {
      this.stopped ??= new Error(`the generating thread stopped (exit code ${code}) before its totals`);
      this.signal();
    });
  }

  private signal(): void {
    this.wake?.();
    this.wake = null;
  }

  /** Starts generating `init`'s messages; at most `ahead` finished ones wait to be taken. */
  start(init: GeneratorInit, ahead = 1): void {
    const input: WorkerInput = { init, signals: this.signals, ahead };
    this.worker.postMessage(input);
  }

  /** The messages, as they are generated. */
  async *messages(): AsyncGenerator<GeneratorMessage> {
    for (;;) {
      const message = this.queue.shift();
      if (message === undefined) {
        if (this.stopped) throw this.stopped;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (message.type === 'failure') {
        throw message.code
          ? new DomainError(message.code as DomainErrorCode, message.message, message.details)
          : new Error(`the generator failed: ${message.message}`);
      }
      Atomics.add(this.signals, 0, 1);
      Atomics.notify(this.signals, 0);
      yield message;
      if (message.type === 'done') return;
    }
  }

  /** Ends the thread, finished or not. */
  async stop(): Promise<void> {
    Atomics.store(this.signals, 1, 1);
    Atomics.notify(this.signals, 0);
    await this.worker.terminate();
  }
}
