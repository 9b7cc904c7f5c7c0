import { chineseNumeral, sectionLabel, shanghaiMinute } from './supervision-export.service';

describe('Excel formatting helpers', () => {
  it.each([
    [1, '一'],
    [8, '八'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [31, '三十一'],
  ])('%i → %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });

  it('labels a heading as the notice numbers it', () => {
    const section = { id: 's', code: '2', title: '保持经济平稳运行' };
    expect(sectionLabel(section, { id: 'ss', code: '2.11', title: '强力推进十大工程' })).toBe('二、保持经济平稳运行 / (十一)强力推进十大工程');
    expect(sectionLabel(section, null)).toBe('二、保持经济平稳运行');
    expect(sectionLabel(null, null)).toBe('');
  });

  it('writes report times in Beijing time', () => {
    expect(shanghaiMinute(new Date('2021-09-20T02:00:00Z'))).toBe('2021-09-20 10:00');
    expect(shanghaiMinute(new Date('2021-09-30T16:30:00Z'))).toBe('2021-10-01 00:30');
  });
});
