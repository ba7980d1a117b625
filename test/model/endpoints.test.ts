import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenarioFile } from '../../src/runner/load-scenario-file.js';

describe('per-endpoint metrics', () => {
  const result = simulate(loadScenarioFile('scenarios/checkout-chain.yaml'));
  const endpoint = (ref: string) =>
    result.endpoints.find((e) => `${e.service}.${e.endpoint}` === ref)!;

  it("add up to each service's calls and errors", () => {
    for (const service of result.services) {
      const own = result.endpoints.filter((e) => e.service === service.service);
      expect(own.reduce((sum, e) => sum + e.requests, 0)).toBe(service.requests);
      expect(own.reduce((sum, e) => sum + e.errors, 0)).toBe(service.errors);
    }
  });

  it('follow the call graph: cart.get is called by checkouts at the frontend and by checkout.place', () => {
    // Every checkout calls cart.get from the frontend, then checkout.place calls it again
    // unless the request failed before (it cannot: cart never fails).
    expect(endpoint('cart.get').requests).toBe(
      endpoint('frontend.POST /checkout').requests + endpoint('checkout.place').requests,
    );
    // Product pages fan out to catalog and recommend: one call each.
    expect(endpoint('catalog.get').requests).toBe(endpoint('frontend.GET /product').requests);
    expect(endpoint('recommend.list').requests).toBe(endpoint('frontend.GET /product').requests);
  });

  it("carry a failure up the chain: payment's errors fail checkout.place and the checkout page", () => {
    const paymentErrors = endpoint('payment.charge').errors;
    expect(paymentErrors).toBeGreaterThan(0);
    expect(endpoint('checkout.place').errors).toBe(paymentErrors);
    expect(endpoint('frontend.POST /checkout').errors).toBe(paymentErrors);
    expect(endpoint('frontend.GET /product').errors).toBe(0);
  });
});
