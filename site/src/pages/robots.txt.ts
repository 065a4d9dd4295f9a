import type { APIRoute } from 'astro';
import { SITE_URL } from '../data/site-config';

/** Village pages say noindex themselves; robots.txt only names the sitemap. */
export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\nSitemap: ${SITE_URL}/sitemap.xml\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
