import { parentPort, type MessagePort } from 'node:worker_threads';
import { DomainError } from '@xingfu/domain/rules';
import { generateLedger, type GeneratorInit } from './ledger.js';

/** What the loader hands the generating thread. */
export interface WorkerInput {
  init: GeneratorInit;
  /** [0]: messages the loader has taken so far (it adds one and notifies as it takes one); [1]: 1 when it stops early. */
  signals: Int32Array;
  /** Finished messages allowed to wait for the loader. */
  ahead: number;
}

/** A failure, sent as data: the loader raises it again (a DomainError keeps its code). */
export interface FailureMessage {
  type: 'failure';
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
}

/** Generates `init`'s messages and posts them, never more than `ahead` waiting to be taken. */
function generate({ init, signals, ahead }: WorkerInput, port: MessagePort): void {
  let sent = 0;
  try {
    const messages = generateLedger(init);
    for (;;) {
      for (let seen = Atomics.load(signals, 0); sent - seen >= ahead && !Atomics.load(signals, 1); seen = Atomics.load(signals, 0)) {
        Atomics.wait(signals, 0, seen);
      }
      if (Atomics.load(signals, 1)) return;
      const next = messages.next();
      if (next.done) return;
      const message = next.value;
      // the table bytes move to the loader's thread without a copy
      port.postMessage(message, message.type === 'rows' ? message.tables.map(([, bytes]) => bytes.buffer as ArrayBuffer) : []);
      sent++;
    }
  } catch (error) {
    const failure: FailureMessage =
      error instanceof DomainError
        ? { type: 'failure', name: error.name, message: error.message, code: error.code, details: error.details }
        : { type: 'failure', name: 'Error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(failure);
  }
}

const port = parentPort!;
port.once('message', (input: WorkerInput) => generate(input, port));
