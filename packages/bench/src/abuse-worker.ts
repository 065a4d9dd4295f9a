/**
 * The abusive clients of measurement 6, on a thread of their own so their callbacks do not delay
 * the harness's timing of the cheap query: each client has its own keep-alive connection from
 * its own loopback address (127.0.0.2, …) and sends the abusive requests one after another,
 * round-robin, until told to stop. Posts back how many answers came with each status.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface AbuseWorkerData {
  url: string;
  /** Request bodies, sent in turn. */
  bodies: string[];
  /** One loopback address per client. */
  addresses: string[];
}

const { url, bodies, addresses } = workerData as AbuseWorkerData;
const target = new URL(url);
let stopped = false;
const statuses = new Map<number, number>();
let errors = 0;

function post(agent: Agent, body: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

async function client(address: string, offset: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: address });
  for (let i = offset; !stopped; i++) await post(agent, bodies[i % bodies.length]!);
  agent.destroy();
}

parentPort?.on('message', (message: string) => {
  if (message === 'stop') stopped = true;
});
await Promise.all(addresses.map((address, i) => client(address, i)));
parentPort?.postMessage({ statuses: Object.fromEntries(statuses), errors });
