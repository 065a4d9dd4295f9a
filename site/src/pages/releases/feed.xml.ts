import type { APIRoute } from 'astro';
import { releasesFeed } from '../../lib/feeds';
import { loadSite } from '../../lib/site-data';

export const GET: APIRoute = async () =>
  new Response(releasesFeed(await loadSite()), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
