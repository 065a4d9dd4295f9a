export { DEFAULT_SEED, NAMED_SCALES, parseScale, seedDatabase, type SeedOptions, type SeedProgress, type SeedReport } from './seed.js';
export { FEED_LOADER, type FeedSeedReport, type PlantedFeedCases } from './feeds/feeds-seed.js';
export {
  PRESETS,
  PRESET_SERIES,
  findPreset,
  findPresets,
  BINHAI_2020,
  BINHAI_2021,
  BINHAI_2022,
  JIYANG_2022,
  JIYANG_2023,
  JIYANG_2024,
  QIHE_2023,
  ZHANGQIU_2022,
} from './presets/index.js';
export type * from './presets/preset.js';
export { ledgerChecksum, ledgerChecksumAt, type LedgerChecksum } from './load/checksum.js';
export { deleteGeneratedData } from './load/replace.js';
export { ADDRESS_PREFIX, SYNTHETIC_MARK } from './generate/population.js';
export { IdNumberAllocator } from './generate/id-numbers.js';
export { randomFullName, randomSurname } from './names/name-generator.js';
export { SURNAMES } from './names/surnames.js';
export { Rng } from './random/prng.js';
export { syntheticPublicId } from './random/public-id.js';
export { ProgressBar } from './progress.js';
export { syntheticLedgerFile, type LedgerFile, type LedgerFileOptions } from './generate/ledger-file.js';
