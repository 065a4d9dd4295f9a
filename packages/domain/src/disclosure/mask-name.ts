import { canonicalName } from '../person/person-name.js';

export * from '../person/invisible-characters.js';
export * from '../person/person-name.js';

/**
 * Names on public lists (公示, the 幸福清单) are masked: the surname and the last character stay,
 * everything between becomes `*`. Two-character names keep only the surname; a compound surname
 * (复姓) is kept whole. The full name is never returned.
 *
 *   张三明 → 张*明   张三 → 张*   王小明华 → 王**华   欧阳明华 → 欧阳*华   欧阳明 → 欧阳*   张 → *
 *
 * The mask works on the name's canonical form (person-name.ts: NFKC, no space, zero-width or
 * other invisible code point), so an invisible character never takes a position and pushes a
 * hidden one into view (张 三 → 张*, never 张*三), whatever a row holds.
 */

/** Compound surnames (复姓) of the 百家姓 and others still in use. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '太史',
  '端木',
  '上官',
  '司马',
  '东方',
  '独孤',
  '南宫',
  '万俟',
  '闻人',
  '夏侯',
  '诸葛',
  '尉迟',
  '公羊',
  '赫连',
  '澹台',
  '皇甫',
  '宗政',
  '濮阳',
  '公冶',
  '太叔',
  '申屠',
  '公孙',
  '慕容',
  '仲孙',
  '钟离',
  '长孙',
  '宇文',
  '司徒',
  '鲜于',
  '司空',
  '闾丘',
  '子车',
  '亓官',
  '司寇',
  '巫马',
  '公西',
  '颛孙',
  '壤驷',
  '公良',
  '漆雕',
  '乐正',
  '宰父',
  '谷梁',
  '拓跋',
  '夹谷',
  '轩辕',
  '令狐',
  '段干',
  '百里',
  '呼延',
  '东郭',
  '南门',
  '羊舌',
  '微生',
  '梁丘',
  '左丘',
  '东门',
  '西门',
  '第五',
  '即墨',
  '公伯',
  '南荣',
  '东里',
  '仲长',
  '子书',
  '子桑',
  '达奚',
  '褚师',
  '贯丘',
  '公乘',
  '淳于',
  '哥舒',
  '呼衍',
  '叱干',
]);

/** Masks a person's name for publication (see the module comment for the rule). */
export function maskName(fullName: string): string {
  // Array.from splits by code point, so rare characters outside the BMP (e.g. 𠮷) count as one.
  const chars = Array.from(canonicalName(fullName));
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars.slice(0, 1).join('')}*`;
  const surnameLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const surname = chars.slice(0, surnameLength).join('');
  const hidden = chars.length - surnameLength - 1;
  // 欧阳明: after a compound surname only one character is left; hide it rather than show it.
  if (hidden === 0) return `${surname}*`;
  return `${surname}${'*'.repeat(hidden)}${chars.slice(-1).join('')}`;
}
