import { chunks } from './chunks';

describe('chunks', () => {
  it('slices in order, the last slice holding the rest', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives no slice for no items, one for a full slice', () => {
    expect(chunks([], 2)).toEqual([]);
    expect(chunks(['a', 'b'], 2)).toEqual([['a', 'b']]);
  });

  it('uses 1,000 rows per slice by default', () => {
    expect(chunks(Array.from({ length: 2_500 }, (_, i) => i)).map((slice) => slice.length)).toEqual([1000, 1000, 500]);
  });
});
