import { expect, it } from 'vitest';
import { REST_RULES, RestLimited, RestMeters } from './rest-meters';

const refusal = (act: () => void): RestLimited | null => {
  try {
    act();
    return null;
  } catch (e) {
    if (e instanceof RestLimited) return e;
    throw e;
  }
};

it('gives each agent its declared burst, then refuses with the wait until one request has refilled', () => {
  let now = 0;
  const meters = new RestMeters(1, () => now);
  for (let i = 0; i < REST_RULES.perAgent.capacity; i++) meters.byAgent('a1', 'agent');
  const refused = refusal(() => meters.byAgent('a1', 'agent'));
  expect(refused?.code).toBe('rate_limited');
  expect(refused?.retryAfterSeconds).toBe(Math.ceil(1 / REST_RULES.perAgent.refillPerSecond));
  expect(refusal(() => meters.byAgent('a2', 'agent'))).toBeNull();
  now = 1_000 / REST_RULES.perAgent.refillPerSecond;
  expect(refusal(() => meters.byAgent('a1', 'agent'))).toBeNull();
  meters.close();
});

it('charges bulk requests against both the agent and the smaller bulk allowance', () => {
  const meters = new RestMeters(1, () => 0);
  for (let i = 0; i < REST_RULES.bulkPerAgent.capacity; i++) meters.byAgent('a1', 'bulk');
  expect(refusal(() => meters.byAgent('a1', 'bulk'))?.message).toMatch(/^too many syncs or test deliveries: please wait \d+ s/);
  // The refused bulk request still spent an agent token: the allowances are charged in order, not as one.
  const left = REST_RULES.perAgent.capacity - REST_RULES.bulkPerAgent.capacity - 1;
  for (let i = 0; i < left; i++) expect(refusal(() => meters.byAgent('a1', 'agent'))).toBeNull();
  expect(refusal(() => meters.byAgent('a1', 'agent'))).not.toBeNull();
  meters.close();
});

it('scales every burst and rate by RATE_REST_SCALE, never below one request', () => {
  const meters = new RestMeters(0.01, () => 0);
  expect(refusal(() => meters.byVisitor('v'))).toBeNull();
  expect(refusal(() => meters.byVisitor('v'))?.retryAfterSeconds).toBe(Math.ceil(1 / (REST_RULES.perVisitor.refillPerSecond * 0.01)));
  for (let i = 0; i < Math.round(REST_RULES.perAddress.capacity * 0.01); i++) meters.byAddress('198.51.100.1');
  expect(refusal(() => meters.byAddress('198.51.100.1'))).not.toBeNull();
  meters.close();
});
