import { createServer, type Server } from 'node:http';
import { DomainError } from '@xingfu/domain';
import sirv from 'sirv';

/** Serves the built static site. */
export function serveSite(dir: string, port: number, host: string): Promise<Server> {
  const handler = sirv(dir, {
    dev: false,
    etag: true,
    extensions: ['html'],
    // downloads are UTF-8: say so, or browsers guess the charset of the CSVs wrong
    setHeaders: (res, path) => {
      if (path.endsWith('.csv')) res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      if (path.endsWith('.md')) res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    },
  });
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('404 — 页面不存在 / page not found');
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new DomainError(
              'PORT_IN_USE',
              `Port ${port} is already in use, so the site cannot be served: stop what uses it, or set XINGFU_SITE_PORT to a free port.`,
              { port },
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}
