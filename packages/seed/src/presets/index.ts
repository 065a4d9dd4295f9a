import { DomainError } from '@xingfu/domain/rules';
import { BINHAI_2021 } from './binhai-2021.js';
import { JIYANG_2023 } from './jiyang-2023.js';
import type { Preset } from './preset.js';
import { QIHE_2023 } from './qihe-2023.js';
import { BINHAI_2020, BINHAI_2022, JIYANG_2022, JIYANG_2024 } from './years.js';
import { ZHANGQIU_2022 } from './zhangqiu-2022.js';

export const PRESETS: readonly Preset[] = [
  BINHAI_2020,
  BINHAI_2021,
  BINHAI_2022,
  JIYANG_2022,
  JIYANG_2023,
  JIYANG_2024,
  QIHE_2023,
  ZHANGQIU_2022,
];

/** A county's years, loaded in order by one name (`xingfu seed --preset binhai`). */
export const PRESET_SERIES: Readonly<Record<string, readonly Preset[]>> = {
  binhai: [BINHAI_2020, BINHAI_2021, BINHAI_2022],
  jiyang: [JIYANG_2022, JIYANG_2023, JIYANG_2024],
  qihe: [QIHE_2023],
  zhangqiu: [ZHANGQIU_2022],
};

/** The presets of a name: a series (its years in order) or one preset. */
export function findPresets(name: string): readonly Preset[] {
  return PRESET_SERIES[name] ?? [findPreset(name)];
}

export function findPreset(name: string): Preset {
  const preset = PRESETS.find((p) => p.name === name);
  if (!preset) {
    throw new DomainError(
      'INVALID_INPUT',
      `There is no preset “${name}”: use one of ${[...Object.keys(PRESET_SERIES), ...PRESETS.map((p) => p.name)].join(', ')}.`,
    );
  }
  return preset;
}

export { BINHAI_2020, BINHAI_2021, BINHAI_2022, JIYANG_2022, JIYANG_2023, JIYANG_2024, QIHE_2023, ZHANGQIU_2022 };
export type * from './preset.js';
