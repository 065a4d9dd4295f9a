import { DomainError, isPortFree } from '@xingfu/domain';

/** Fails before anything starts when a port we need is taken. */
export async function assertPortsFree(ports: [number, string, string][], host: string): Promise<void> {
  for (const [port, variable, what] of ports) {
    if (!(await isPortFree(port, host))) {
      throw new DomainError(
        'PORT_IN_USE',
        `Port ${port} is already in use, so ${what} cannot start: stop what uses it, or set ${variable} to a free port.`,
        { port },
      );
    }
  }
}
