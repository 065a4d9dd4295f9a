import { SITE_NAME, SITE_URL } from '../data/site-config';
import { yearLabel } from './format';
import { changelogHref, countyHref, dataIndexHref, facilityHref, home, programHref, townHref } from './paths';
import type { Site } from './site-data';

/** The sitemap and the Atom feed of releases, both from the site's snapshot. */

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An absolute URL when XINGFU_SITE_URL is set (as the sitemap and Atom specs ask); else the path. */
const url = (path: string): string => `${SITE_URL}${path}`;

/**
 * The indexable pages at their plain URLs: home, programs, counties, towns, downloads, method,
 * releases, developers, elder-care facilities. Village pages (noindex, they hold the 幸福清单) and the fixed /releases/
 * copies are left out.
 */
export function sitemap(site: Site): string {
  const latest = site.editions[0]!;
  const paths = [
    home(latest),
    '/program/',
    ...site.programs.filter((p) => p.disclosure !== 'HIDDEN').map((p) => programHref(latest, p.code)),
    ...site.counties.flatMap((c) => [
      countyHref(latest, c.code),
      ...(latest.counties.has(c.code) ? c.towns.map((t) => townHref(latest, t.code)) : []),
      ...(latest.counties.get(c.code)?.elderFacilities.map((f) => facilityHref(latest, f.id)) ?? []),
    ]),
    '/compare/',
    dataIndexHref(latest),
    ...[...latest.counties.values()].flatMap((cr) => cr.years.map((y) => `/data/${cr.county.code}/${y}/`)),
    '/methodology/',
    '/releases/',
    '/developers/',
  ];
  const lastmod = site.latest ? `<lastmod>${site.latest.asOf}</lastmod>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((p) => `  <url><loc>${escape(url(p))}</loc>${lastmod}</url>`).join('\n')}
</urlset>
`;
}

/** An Atom feed (RFC 4287): one entry per release, newest first, linking to its changelog. */
export function releasesFeed(site: Site): string {
  const updated = site.latest ? `${site.latest.asOf}T00:00:00Z` : '1970-01-01T00:00:00Z';
  const entries = site.releases.map((r) => {
    const months = site.releasedMonths.get(r.id) ?? [];
    const byCounty = new Map<string, string[]>();
    for (const m of months) byCounty.set(m.countyCode, [...(byCounty.get(m.countyCode) ?? []), m.month]);
    const scope = [...byCounty]
      .map(([code, ms]) => {
        const years = [...new Set(ms.map((m) => Number(m.slice(0, 4))))];
        return `${site.countyByCode.get(code)?.name ?? code} ${years.map((y) => yearLabel(y, ms)).join('，')}`;
      })
      .join('；');
    const changes = (site.changes.get(r.id) ?? []).length;
    const summary = `${r.note ? `${r.note}。` : ''}公开的月份：${scope || '无'}。${changes} 项变更。`;
    return `  <entry>
    <id>urn:xingfu:release:${escape(r.id)}</id>
    <title>发布 ${escape(r.id)}</title>
    <updated>${r.asOf}T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="${escape(url(changelogHref(r.id)))}"/>
    <summary>${escape(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>urn:xingfu:releases</id>
  <title>${escape(SITE_NAME)}：发布记录</title>
  <subtitle>每次发布公开的月份和更正</subtitle>
  <updated>${updated}</updated>
  <author><name>${escape(SITE_NAME)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escape(url('/releases/feed.xml'))}"/>
  <link rel="alternate" type="text/html" href="${escape(url('/releases/'))}"/>
${entries.join('\n')}
</feed>
`;
}
