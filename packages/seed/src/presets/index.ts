import { DomainError } from '@xingfu/domain/rules';
import { BINHAI_2021 } from './binhai-2021.js';
import { JIYANG_2023 } from './jiyang-2023.js';
import type { Preset } from './preset.js';

export const PRESETS: readonly Preset[] = [BINHAI_2021, JIYANG_2023];

export function findPreset(name: string): Preset {
  const preset = PRESETS.find((p) => p.name === name);
  if (!preset) {
    throw new DomainError('INVALID_INPUT', `There is no preset “${name}”: use one of ${PRESETS.map((p) => p.name).join(', ')}.`);
  }
  return preset;
}

export { BINHAI_2021, JIYANG_2023 };
export type * from './preset.js';
