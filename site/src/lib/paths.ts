import type { Edition } from './site-data';

/** URLs of an edition: '' for the latest at plain URLs, /releases/{id} for a fixed copy. */
export const home = (e: Edition): string => `${e.prefix}/`;
export const countyHref = (e: Edition, code: string): string => `${e.prefix}/county/${code}/`;
export const townHref = (e: Edition, code: string): string => `${e.prefix}/town/${code}/`;
export const publicityHref = (e: Edition, town: string): string => `${e.prefix}/town/${town}/publicity/`;
export const villageHref = (e: Edition, code: string): string => `${e.prefix}/village/${code}/`;
export const facilityHref = (e: Edition, id: string): string => `${e.prefix}/facility/${id}/`;
export const programHref = (e: Edition, code: string): string => `${e.prefix}/program/${code}/`;
export const programsHref = (e: Edition): string => `${e.prefix}/program/`;
export const dataIndexHref = (e: Edition): string => `${e.prefix}/data/`;
export const dataFolderHref = (e: Edition, county: string, year: number): string => `${e.prefix}/data/${county}/${year}/`;
export const dataFileHref = (e: Edition, county: string, year: number, file: string): string =>
  `${e.prefix}/data/${county}/${year}/${file}`;
export const changelogHref = (releaseId: string): string => `/releases/${releaseId}/changelog/`;

/** The same page in the latest edition (plain URL). */
export const plainOf = (e: Edition, path: string): string => (e.prefix && path.startsWith(e.prefix) ? path.slice(e.prefix.length) : path);
