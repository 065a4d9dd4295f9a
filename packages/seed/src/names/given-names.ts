/**
 * Characters of given names by sex and by era of birth: names follow fashions (建国 and 秀英 in
 * the 1950s, 伟 and 丽 in the 1970s–80s, 浩 and 欣怡 after 2000). Two characters are drawn for a
 * three-character name, one for a two-character name.
 */
export type Era = 'old' | 'middle' | 'young';

export const GIVEN_CHARACTERS: Record<'male' | 'female', Record<Era, string>> = {
  male: {
    old: '国建明华文德志永庆福贵富荣兴祥发忠金玉宝山林春海成生才正仁义礼家顺来喜长友广树立汉',
    middle: '伟强磊军勇杰涛明超刚平辉鹏华飞波斌东亮峰健军龙林新利红卫兵俊涛学勇晓志海中洪',
    young: '浩宇轩子涵博文俊杰铭皓晨轩睿泽航一鑫昊天旭阳嘉豪明辰奕逸梓瑞诚思源凯锦程',
  },
  female: {
    old: '秀英桂兰玉凤兰珍芳花梅秀荣淑华英翠云香琴莲素巧金银美春霞桂芝月娥菊凤仙',
    middle: '芳娜敏静丽艳娟霞燕玲红梅琳洁萍丹玉晓雪慧君萍莉琴华平燕红英丽丽霞',
    young: '欣怡雨涵梓萱诗琪佳悦可馨紫涵思彤子琪梦瑶一诺婉清艺嘉雅若琳晨曦语桐宇婷',
  },
};

/** Share of two-character names (one given character) by era. */
export const SINGLE_CHARACTER_SHARE: Record<Era, number> = { old: 0.25, middle: 0.3, young: 0.12 };

export function eraOf(birthYear: number): Era {
  if (birthYear < 1960) return 'old';
  if (birthYear < 1990) return 'middle';
  return 'young';
}
