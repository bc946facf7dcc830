import { Construct } from 'constructs';
import {
  InvalidPropError,
  isDns1123Label,
  isDns1123Subdomain,
  isQuantity,
} from '../src';
import { requireIntegerInRange, requireOneOf } from '../src/core/validation';

const scope = new Construct(undefined as any, '');
const child = new Construct(scope, 'child');

describe('validators', () => {
  test.each(['pets', 'a', 'aks-store', 'a1', '0a', 'a'.repeat(63)])('%s is a DNS-1123 label', (value) => {
    expect(isDns1123Label(value)).toBe(true);
  });
  test.each(['', 'Pets', '-a', 'a-', 'a.b', 'a_b', 'a'.repeat(64), 5])('%p is not a DNS-1123 label', (value) => {
    expect(isDns1123Label(value)).toBe(false);
  });
  test.each(['a.b', 'store-front', 'x.y-z.io'])('%s is a DNS-1123 subdomain', (value) => {
    expect(isDns1123Subdomain(value)).toBe(true);
  });
  test.each(['a..b', '.a', 'A.b', 'a'.repeat(254)])('%s is not a DNS-1123 subdomain', (value) => {
    expect(isDns1123Subdomain(value)).toBe(false);
  });
  test.each(['1m', '250m', '128Mi', '10Gi', '1', '1.5', '0.5Gi', '1e3', '1Ti'])('%s is a quantity', (value) => {
    expect(isQuantity(value)).toBe(true);
  });
  test.each(['', '512MB', 'Mi', '1 Gi', '1.2.3', 'ten'])('%s is not a quantity', (value) => {
    expect(isQuantity(value)).toBe(false);
  });

  test('integer range errors say the range', () => {
    expect(() => requireIntegerInRange(child, 'port', 70000, 1, 65535)).toThrow('child: invalid port 70000: must be a whole number from 1 to 65535');
    expect(requireIntegerInRange(child, 'port', 443, 1, 65535)).toBe(443);
  });

  test('one-of errors list the choices', () => {
    expect(() => requireOneOf(child, 'mode', 'strict', ['STRICT', 'PERMISSIVE'])).toThrow(InvalidPropError);
    expect(() => requireOneOf(child, 'mode', 'strict', ['STRICT', 'PERMISSIVE'])).toThrow("child: invalid mode \"strict\": must be one of 'STRICT', 'PERMISSIVE'");
  });
});
