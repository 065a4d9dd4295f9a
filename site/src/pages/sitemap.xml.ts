import type { APIRoute } from 'astro';
import { sitemap } from '../lib/feeds';
import { loadSite } from '../lib/site-data';

export const GET: APIRoute = async () =>
  new Response(sitemap(await loadSite()), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
