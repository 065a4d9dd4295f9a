type Cleanup = () => Promise<void> | void;

const cleanups: Cleanup[] = [];
let installed = false;
let shuttingDown = false;

/** Runs cleanups (last registered first) once, then exits. */
export async function shutdown(code = 0): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // keep stopping the rest: nothing started here may outlive the command
      }
    }
  }
  process.exit(code);
}

/** Registers a cleanup for Ctrl-C, SIGTERM and `shutdown()`. */
export function onShutdown(cleanup: Cleanup): void {
  cleanups.push(cleanup);
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (!shuttingDown) process.stdout.write('\nStopping…\n');
      void shutdown(0);
    });
  }
}
