import { COMPOUND_SURNAMES, maskName } from '@xingfu/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('masking names for public lists', () => {
  it.each([
    ['张三明', '张*明'],
    ['张三', '张*'],
    ['王小明华', '王**华'],
    ['欧阳明华', '欧阳*华'],
    ['欧阳明', '欧阳*'],
    ['司马相如', '司马*如'],
    ['诸葛孔明', '诸葛*明'],
    ['第五伦', '第五*'],
    ['欧阳', '欧*'],
    ['张', '*'],
    ['', '*'],
    [' 张三明 ', '张*明'],
    ['𠮷三明', '𠮷*明'],
    ['阿依古丽·买买提', '阿******提'],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('knows the common compound surnames', () => {
    for (const surname of [
      '欧阳',
      '司马',
      '上官',
      '诸葛',
      '东方',
      '皇甫',
      '尉迟',
      '公孙',
      '慕容',
      '长孙',
      '宇文',
      '司徒',
      '夏侯',
      '轩辕',
      '令狐',
      '钟离',
      '闻人',
      '赫连',
      '澹台',
      '太史',
      '端木',
      '百里',
      '东郭',
      '南宫',
      '西门',
      '呼延',
      '万俟',
      '申屠',
      '独孤',
      '司空',
      '第五',
    ]) {
      expect(COMPOUND_SURNAMES.has(surname), surname).toBe(true);
    }
  });

  it('never returns the full name and keeps its length', () => {
    const name = fc.array(fc.constantFrom(...'张王李赵欧阳司马明华三小丽'), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(name, (fullName) => {
        const masked = maskName(fullName);
        expect(masked).not.toBe(fullName);
        expect(masked).toContain('*');
        expect(Array.from(masked)).toHaveLength(Array.from(fullName).length);
      }),
    );
  });
});
