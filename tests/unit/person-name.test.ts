import {
  COMPOUND_SURNAMES,
  DomainError,
  INVISIBLE_RANGES,
  INVISIBLE_UNICODE_VERSION,
  MAX_NAME_LENGTH,
  canonicalName,
  maskName,
  normalizePersonName,
} from '@xingfu/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Names are stored in one form and masked on it (issue 15: 张 三 was published as 张*三). */

const refusal = (name: string): { code: string; reason: unknown } | undefined => {
  try {
    normalizePersonName(name);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, reason: error.details['reason'] };
  }
};

const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\p{Noncharacter_Code_Point}\p{Cs}]/u;

describe('storing a name', () => {
  it.each([
    ['张 三', '张三'],
    ['李\u200b四', '李四'],
    ['赵\u00a0六', '赵六'],
    [' 王五 ', '王五'],
    ['欧阳\u3000明华', '欧阳明华'],
    ['刘\t德\n华', '刘德华'],
    ['\ufeff陈\u200d\u200c志\u2060强\u00ad', '陈志强'],
    ['孙\u202e悟空', '孙悟空'],
    ['周\ufe0f杰伦', '周杰伦'],
    ['郑\u{e0101}成功', '郑成功'],
    ['ＺＨＡＮＧ', 'ZHANG'],
    ['阿依古丽.买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽．买买提', '阿依古丽·买买提'],
    ['𠮷田', '𠮷田'],
  ])('stores %j as %j', (raw, stored) => {
    expect(normalizePersonName(raw)).toBe(stored);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200b\u200b', 'empty'],
    ['王\u0000五', 'control_character'],
    ['王\u001b五', 'control_character'],
    ['张\u0301三', 'combining_mark'],
    ['张\ud800三', 'broken_text'],
    ['张3', 'not_a_name_character'],
    ['张*三', 'not_a_name_character'],
    ['张😀', 'not_a_name_character'],
    ['·张三', 'separator'],
    ['张三·', 'separator'],
    ['阿依··提', 'separator'],
    ['张'.repeat(MAX_NAME_LENGTH + 1), 'too_long'],
    // eleven characters that NFKC writes as four each
    ['㍿'.repeat(11), 'too_long'],
  ])('refuses %j (%s) with INVALID_NAME', (raw, reason) => {
    expect(refusal(raw)).toEqual({ code: 'INVALID_NAME', reason });
  });

  it('keeps the name out of the error (errors are logged)', () => {
    try {
      normalizePersonName('王\u0000五');
    } catch (error) {
      expect(JSON.stringify([(error as Error).message, (error as DomainError).details])).not.toMatch(/王|五/);
    }
  });

  it('accepts 40 characters and no more', () => {
    expect(normalizePersonName('张'.repeat(MAX_NAME_LENGTH))).toHaveLength(MAX_NAME_LENGTH);
    // spaces do not count: they are removed first
    expect(normalizePersonName(` ${'张 '.repeat(MAX_NAME_LENGTH)}`)).toHaveLength(MAX_NAME_LENGTH);
  });
});

describe('masking what the mask allows, and no more', () => {
  it.each([
    ['张 三', '张*'],
    ['李\u200b四', '李*'],
    ['赵\u00a0六', '赵*'],
    ['欧\u200b阳明', '欧阳*'],
    ['张\u0301三', '张*'],
    ['张\u200b三\u200b明', '张*明'],
    ['王\u2060\u2060小明华', '王**华'],
  ])('masks %j as %j (invisible characters take no position)', (raw, masked) => {
    expect(maskName(raw)).toBe(masked);
  });

  /** Code points the fuzzing favours: Han, compound surnames, every kind of invisible one, dots, compatibility forms. */
  const interesting = fc.oneof(
    { arbitrary: fc.constantFrom(...'张王李赵明华三丽𠮷'), weight: 6 },
    { arbitrary: fc.constantFrom(...[...COMPOUND_SURNAMES].slice(0, 12)), weight: 2 },
    {
      arbitrary: fc
        .constantFrom(...INVISIBLE_RANGES)
        .chain(([from, to]) => fc.integer({ min: from, max: to }))
        .map((cp) => String.fromCodePoint(cp)),
      weight: 4,
    },
    {
      arbitrary: fc.constantFrom(' ', '\u00a0', '\u3000', '\t', '.', '·', '•', '・', '．', 'Ａ', '㍿', 'ﾞ', '¨', '\u1100', '\u1161', '*'),
      weight: 2,
    },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
  );
  const names = fc.oneof(
    fc.array(interesting, { maxLength: 12 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 16 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );

  /** The positions a mask may show: the surname (one character, or two for a 复姓) and the last character, when something is hidden between. */
  function allowed(name: string[]): Set<number> {
    if (name.length <= 1) return new Set();
    if (name.length === 2) return new Set([0]);
    const surname = COMPOUND_SURNAMES.has(name.slice(0, 2).join('')) ? 2 : 1;
    const shown = new Set(Array.from({ length: surname }, (_, i) => i));
    if (name.length - surname - 1 > 0) shown.add(name.length - 1);
    return shown;
  }

  it('shows at most the surname and the last character of the normalised name, never an inner one, for any Unicode input', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const name = Array.from(canonicalName(raw));
        const masked = Array.from(maskName(raw));
        expect(masked).toHaveLength(Math.max(name.length, 1));
        expect(masked).toContain('*');
        const shown = allowed(name);
        masked.forEach((ch, i) => {
          if (shown.has(i)) expect(ch).toBe(name[i]);
          else expect(ch).toBe('*');
        });
        expect(masked.some((ch) => INVISIBLE.test(ch))).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('masks a name as given exactly as it masks the name stored for it', () => {
    fc.assert(
      fc.property(names, (raw) => {
        let stored: string;
        try {
          stored = normalizePersonName(raw);
        } catch (error) {
          expect((error as DomainError).code).toBe('INVALID_NAME');
          return;
        }
        expect(stored).toBe(canonicalName(raw));
        expect(normalizePersonName(stored)).toBe(stored);
        expect(stored.normalize('NFKC')).toBe(stored);
        expect(Array.from(stored).some((ch) => INVISIBLE.test(ch))).toBe(false);
        expect(Array.from(stored).length).toBeGreaterThanOrEqual(1);
        expect(Array.from(stored).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(maskName(raw)).toBe(maskName(stored));
      }),
      { numRuns: 5000 },
    );
  });

  it('normalises to a fixed point: the canonical form of a canonical form is itself', () => {
    fc.assert(
      fc.property(names, (raw) => {
        const once = canonicalName(raw);
        expect(canonicalName(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the list of invisible code points', () => {
  it(`is Unicode ${INVISIBLE_UNICODE_VERSION}'s, as this Node knows it`, () => {
    const ranges: string[] = [];
    let start = -1;
    for (let cp = 0; cp <= 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const hit = cp <= 0x10ffff && INVISIBLE.test(String.fromCodePoint(cp));
      if (hit && start < 0) start = cp;
      if (!hit && start >= 0) {
        const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
        ranges.push(start === cp - 1 ? hex(start) : `${hex(start)}-${hex(cp - 1)}`);
        start = -1;
      }
    }
    const known = INVISIBLE_RANGES.map(([from, to]) => {
      const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
      return from === to ? hex(from) : `${hex(from)}-${hex(to)}`;
    });
    // On a difference (a newer Unicode), paste this list into invisible-characters.ts and add a
    // migration that replaces canonical_name with it.
    expect(known.join(' '), `Unicode ${process.versions.unicode}:\n${ranges.join(' ')}`).toBe(ranges.join(' '));
  });
});
