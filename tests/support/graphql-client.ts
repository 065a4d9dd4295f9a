import type { Server } from 'node:http';
import { createApiServer, createLogger, loadConfig, type ApiServer, type ApiServerOptions, type Logger } from '@xingfu/api';
import type { MikroORM } from '@xingfu/domain';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

export interface TestApi {
  baseUrl: string;
  query<T = Record<string, unknown>>(
    endpoint: '/graphql' | '/public/graphql',
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real HTTP API on a free port, over the test file's database (logging to `options.logger`, or nowhere). */
export async function startTestApi(
  orm: MikroORM,
  options: Pick<ApiServerOptions, 'errorLogLimit'> & { logger?: Logger } = {},
): Promise<TestApi> {
  const config = loadConfig({});
  const logger = options.logger ?? createLogger(process.env['XINGFU_TEST_LOG_LEVEL'] ?? 'silent');
  const api: ApiServer = await createApiServer({
    orm,
    config,
    logger,
    ...(options.errorLogLimit ? { errorLogLimit: options.errorLogLimit } : {}),
  });
  const server: Server = await api.listen(0, '127.0.0.1');
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    async query(endpoint, query, options = {}) {
      const response = await fetch(`${baseUrl}${endpoint}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables ?? {} }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<never>;
    },
    close: () => api.stop(),
  };
}
