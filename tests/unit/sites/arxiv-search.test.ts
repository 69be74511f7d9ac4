import { describe, expect, it } from 'vitest';
import { expectFixture, fixtureNames } from '../fixtures';

describe('arxiv search fixtures', () => {
  for (const name of fixtureNames('arxiv-search')) {
    it(`matches ${name}`, () => {
      expectFixture('arxiv-search', name);
    });
  }
});
