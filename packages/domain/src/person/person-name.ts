import { DomainError } from '../errors/domain-error.js';
import { invisibleCharacterClass } from './invisible-characters.js';

/**
 * Names are stored in one form, so that what the 幸福清单 masks is what a reader sees
 * (docs/disclosure.md, "Names"):
 *
 * 1. Unicode NFKC: full-width letters become ordinary ones, compatibility ideographs their
 *    unified form, and no two spellings of one name differ by encoding.
 * 2. Every dot between the parts of a transcribed name (. • ‧ ・ ∙ ⋅ ⸱) becomes the middle dot
 *    `·` of ID cards (阿依古丽·买买提).
 * 3. Invisible code points are removed (invisible-characters.ts): white space — inner spaces
 *    included, a name is written without spaces (张 三 → 张三) —, format characters such as the
 *    zero-width space, and default-ignorable ones such as variation selectors.
 * 4. Refused with INVALID_NAME: control characters other than white space (NUL, ESC, …),
 *    combining marks NFKC leaves standing alone, lone surrogates, and anything but letters
 *    (any script), private-use characters (rare name characters some registries encode there)
 *    and `·` between two parts — so digits, punctuation, symbols and unassigned code points; an
 *    empty name; more than 40 characters (code points) after normalisation.
 *
 * `canonicalName` is steps 1–3 without the refusals: the masks apply it to whatever a row
 * holds, so a name stored before this rule is masked as if it had been normalised.
 */

/** The most characters (code points) a stored name may have: the column is varchar(40). */
export const MAX_NAME_LENGTH = 40;

/** The separator of a name's parts, as printed on ID cards. */
export const NAME_SEPARATOR = '\u00b7';

/** Dots used instead of `·` once NFKC has run (it maps ． to . and ･ to ・ already). */
const DOTS = /[.\u2022\u2027\u2219\u22c5\u2e31\u30fb]/gu;
const INVISIBLE = new RegExp(invisibleCharacterClass('javascript'), 'gu');
/** Control characters that are not white space: refused rather than removed. */
const CONTROL = /(?!\p{White_Space})\p{Cc}/u;
/** Combining marks (variation selectors and the grapheme joiner are default-ignorable: removed instead). */
const MARK = /(?!\p{Default_Ignorable_Code_Point})\p{M}/u;
/** With the flag u, a surrogate that is half of no pair. */
const LONE_SURROGATE = /\p{Cs}/u;
const NAME_CHARACTER = /^[\p{L}\p{Co}\u00b7]$/u;

function pass(text: string): string {
  return text.normalize('NFKC').replace(DOTS, NAME_SEPARATOR).replace(INVISIBLE, '');
}

/**
 * A name as the masks see it: NFKC, dots as `·`, no invisible code point. Twice, because removing
 * an invisible code point can let NFKC compose what it separated (Hangul jamo).
 */
export function canonicalName(raw: string): string {
  return pass(pass(raw));
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function invalid(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  // The name itself stays out of the error: errors are logged, names are personal data.
  return new DomainError('INVALID_NAME', message, { reason, ...details });
}

/**
 * The form a person's name is stored in (see the module comment), or INVALID_NAME with the
 * reason (`empty`, `too_long`, `control_character`, `combining_mark`, `broken_text`,
 * `not_a_name_character`, `separator`) and the offending code point where there is one.
 */
export function normalizePersonName(raw: string): string {
  if (LONE_SURROGATE.test(raw)) {
    throw invalid('broken_text', 'The name holds a lone surrogate (broken UTF-16 text): send the name as proper text.');
  }
  const nfkc = raw.normalize('NFKC');
  const control = CONTROL.exec(nfkc);
  if (control) {
    throw invalid('control_character', `The name holds the control character ${codePoint(control[0])}: type the name without it.`, {
      codePoint: codePoint(control[0]),
    });
  }
  const mark = MARK.exec(nfkc);
  if (mark) {
    throw invalid(
      'combining_mark',
      `The name holds the combining mark ${codePoint(mark[0])} on its own: write the character with its mark as one character (as on the ID card).`,
      { codePoint: codePoint(mark[0]) },
    );
  }
  const name = canonicalName(raw);
  const chars = Array.from(name);
  if (chars.length === 0) throw invalid('empty', 'The name is empty once spaces and invisible characters are removed: enter the name.');
  if (chars.length > MAX_NAME_LENGTH) {
    throw invalid('too_long', `The name has ${chars.length} characters once normalised; at most ${MAX_NAME_LENGTH} are stored.`, {
      length: chars.length,
      maxLength: MAX_NAME_LENGTH,
    });
  }
  const other = chars.find((ch) => !NAME_CHARACTER.test(ch));
  if (other !== undefined) {
    throw invalid(
      'not_a_name_character',
      `The name holds ${codePoint(other)}, which is not a letter: a name has letters only, its parts separated by ·.`,
      { codePoint: codePoint(other) },
    );
  }
  if (chars[0] === NAME_SEPARATOR || chars.at(-1) === NAME_SEPARATOR || name.includes(NAME_SEPARATOR + NAME_SEPARATOR)) {
    throw invalid('separator', 'A · separates two parts of a name: not at its start or end, and one at a time.');
  }
  return name;
}
