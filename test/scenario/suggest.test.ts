import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance, suggestFor } from '../../src/scenario/suggest.js';

describe('editDistance counts the edits of a typo, a swap of neighbours as one', () => {
  it.each([
    ['replicas', 'replicas', 0],
    ['replcas', 'replicas', 1], // a letter missed
    ['repllicas', 'replicas', 1], // a letter doubled
    ['replicsa', 'replicas', 1], // two neighbours swapped
    ['raplicas', 'replicas', 1], // a letter wrong
    ['', 'abc', 3],
    ['abc', '', 3],
    ['ca', 'abc', 3], // optimal string alignment: no edit of an already swapped pair
    ['kitten', 'sitting', 3],
  ])('%s → %s: %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestMatch suggests a name only when it is a plausible typo', () => {
  const serviceFields = ['replicas', 'resources', 'concurrency', 'queueLimit', 'endpoints'];

  it.each([
    ['replcas', serviceFields, 'replicas'],
    ['concurency', serviceFields, 'concurrency'],
    ['Replicas', serviceFields, 'replicas'],
    ['endpoint', serviceFields, 'endpoints'],
    // Up to a third of a long word may be wrong...
    ['holdWorkerWhenWaiting', ['holdWorkerWhileWaiting'], 'holdWorkerWhileWaiting'],
    // ...but at most 2 edits of a short one, and never every letter.
    ['rat', ['rate'], 'rate'],
    ['autoscaler', serviceFields, undefined],
    ['d', ['a', 'b', 'c'], undefined],
    // Equally near candidates: no guess.
    ['us-east-1c', ['us-east-1a', 'us-east-1b'], undefined],
    ['anything', [], undefined],
  ])('%s among %j: %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });
});

describe('suggestFor ends a message with the suggestion or the choices', () => {
  it('suggests the nearest name', () => {
    expect(suggestFor('catlog', ['catalog', 'cart'])).toBe('; did you mean "catalog"?');
  });

  it('lists the choices when none is near', () => {
    expect(suggestFor('pricing', ['catalog', 'cart'], 'the services are')).toBe(
      '; the services are catalog, cart',
    );
  });

  it('says nothing when there is nothing to choose from', () => {
    expect(suggestFor('api', [])).toBe('');
  });
});
