import { describe, expect, it } from 'vitest';
import { parseTypedLabels } from './typedLabels';

describe('parseTypedLabels', () => {
  it('takes comma- or line-separated names, trimmed, in order', () => {
    expect(parseTypedLabels(' cat, dog\nbird ,', 3)).toEqual({ ok: true, labels: ['cat', 'dog', 'bird'] });
  });
  it('refuses the wrong count and repeated names, saying why', () => {
    expect(parseTypedLabels('a, b', 3)).toEqual({ ok: false, problem: 'the model has 3 outputs: type 3 labels (got 2)' });
    expect(parseTypedLabels('a, b, a', 3)).toEqual({ ok: false, problem: '"a" is typed twice: each output needs its own label' });
  });
});
