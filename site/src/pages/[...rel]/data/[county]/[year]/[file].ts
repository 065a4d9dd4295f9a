import type { APIRoute } from 'astro';
import { CONTENT_TYPES, countyYearZip, folderOf } from '../../../../../lib/downloads';
import { editionParam, loadSite } from '../../../../../lib/site-data';

/** Every file of every /data/{county}/{year}/ folder, and the folder's zip, for each built edition. */
export async function getStaticPaths() {
  const site = await loadSite();
  const paths = [];
  for (const edition of site.editions) {
    for (const cr of edition.counties.values()) {
      for (const year of cr.years) {
        const params = { rel: editionParam(edition), county: cr.county.code, year: String(year) };
        for (const f of (await folderOf(site, edition, cr, year)).files)
          paths.push({ params: { ...params, file: f.file }, props: { body: f.body } });
        const zip = await countyYearZip(site, edition, cr, year);
        paths.push({ params: { ...params, file: zip.file }, props: { body: zip.body } });
      }
    }
  }
  return paths;
}

export const GET: APIRoute<{ body: string | Uint8Array<ArrayBuffer> }> = ({ props, params }) =>
  new Response(props.body, {
    headers: { 'content-type': CONTENT_TYPES[String(params.file).split('.').pop()!] ?? 'application/octet-stream' },
  });
