import type { APIRoute } from 'astro';
import { dataBundles } from '../../../lib/downloads';
import { editionParam, loadSite } from '../../../lib/site-data';

/** /data/{slug}-{county}-all-years.zip and /data/xingfu-all-counties.zip, for each built edition. */
export async function getStaticPaths() {
  const site = await loadSite();
  const paths = [];
  for (const edition of site.editions) {
    for (const bundle of await dataBundles(site, edition)) {
      paths.push({ params: { rel: editionParam(edition), bundle: bundle.file.replace(/\.zip$/, '') }, props: { body: bundle.body } });
    }
  }
  return paths;
}

export const GET: APIRoute<{ body: Uint8Array<ArrayBuffer> }> = ({ props }) =>
  new Response(props.body, { headers: { 'content-type': 'application/zip' } });
