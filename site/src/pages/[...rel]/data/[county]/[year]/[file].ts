import type { APIRoute } from 'astro';
import { CONTENT_TYPES, folderFiles, type DataFile } from '../../../../../lib/downloads';
import { editionParam, loadSite } from '../../../../../lib/site-data';

/** Every file of every /data/{county}/{year}/ folder, for each built edition. */
export async function getStaticPaths() {
  const site = await loadSite();
  const cache = new Map<string, Promise<DataFile[]>>();
  const paths = [];
  for (const edition of site.editions) {
    for (const cr of edition.counties.values()) {
      for (const year of cr.years) {
        const key = `${edition.release!.id}|${cr.county.code}|${year}`;
        if (!cache.has(key)) cache.set(key, folderFiles(site, edition, cr, year));
        for (const f of await cache.get(key)!) {
          paths.push({
            params: { rel: editionParam(edition), county: cr.county.code, year: String(year), file: f.file },
            props: { body: f.body },
          });
        }
      }
    }
  }
  return paths;
}

export const GET: APIRoute<{ body: string | Uint8Array<ArrayBuffer> }> = ({ props, params }) =>
  new Response(props.body, {
    headers: { 'content-type': CONTENT_TYPES[String(params.file).split('.').pop()!] ?? 'application/octet-stream' },
  });
