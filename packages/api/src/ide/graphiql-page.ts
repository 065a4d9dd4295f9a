/**
 * GraphiQL served from this server's own files: government intranets have no internet, so the
 * IDE must not load anything from a CDN.
 */
export function graphiqlPage(endpoint: string, title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/ide/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">GraphiQL needs JavaScript.</div>
<script src="/ide/react.production.min.js"></script>
<script src="/ide/react-dom.production.min.js"></script>
<script src="/ide/graphiql.min.js"></script>
<script>
  const headers = {};
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) headers.Authorization = 'Bearer ' + token;
  const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)}, headers });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }),
  );
</script>
</body>
</html>`;
}
