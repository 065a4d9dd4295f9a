import { type Rng, WeightedPicker } from '../random/prng.js';
import { GIVEN_CHARACTERS, SINGLE_CHARACTER_SHARE, eraOf } from './given-names.js';
import { SURNAMES } from './surnames.js';

const surnamePicker = new WeightedPicker(
  SURNAMES.map(([s]) => s),
  SURNAMES.map(([, p]) => p),
);

export function randomSurname(rng: Rng): string {
  return surnamePicker.pick(rng);
}

/** A synthetic given name (1 or 2 characters, no character doubled by accident unless 叠字). */
export function randomGivenName(rng: Rng, sex: 'male' | 'female', birthYear: number): string {
  const era = eraOf(birthYear);
  const chars = [...GIVEN_CHARACTERS[sex][era]];
  const first = rng.pick(chars);
  if (rng.chance(SINGLE_CHARACTER_SHARE[era])) return first;
  let second = rng.pick(chars);
  // 叠字 (丽丽, 晶晶) are real but rare
  if (second === first && !rng.chance(0.15)) second = rng.pick(chars);
  return first + second;
}

export function randomFullName(rng: Rng, sex: 'male' | 'female', birthYear: number, surname = randomSurname(rng)): string {
  return surname + randomGivenName(rng, sex, birthYear);
}
