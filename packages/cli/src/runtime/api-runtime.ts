import type { Server } from 'node:http';
import { assertSafeTokenSettings, createApiServer, createLogger, type Config } from '@xingfu/api';
import type { MikroORM } from '@xingfu/domain';
import { step } from './progress.js';

export interface RunningApi {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Starts the API on the given port (0: any free port) and returns its base URL. */
export async function startApi(orm: MikroORM, config: Config, port = config.XINGFU_API_PORT): Promise<RunningApi> {
  assertSafeTokenSettings(config, config.XINGFU_HOST);
  const logger = createLogger(config.XINGFU_LOG_LEVEL, 'xingfu-api');
  const api = await createApiServer({ orm, config, logger });
  const server = await step(`Starting the API on port ${port || 'any'}`, () => api.listen(port, config.XINGFU_HOST));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = config.XINGFU_HOST === '127.0.0.1' || config.XINGFU_HOST === '0.0.0.0' ? 'localhost' : config.XINGFU_HOST;
  return { server, url: `http://${host}:${actualPort}`, stop: () => api.stop() };
}
