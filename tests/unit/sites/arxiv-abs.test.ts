import { describe, expect, it } from 'vitest';
import { expectFixture, fixtureNames } from '../fixtures';

describe('arxiv abs fixtures', () => {
  for (const name of fixtureNames('arxiv-abs')) {
    it(`matches ${name}`, () => {
      expectFixture('arxiv-abs', name);
    });
  }
});
