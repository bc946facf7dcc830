import { ApiObject, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { synthesizeManifests } from '../src';
import { everySectionApp } from './support/synth';
import { fastObjectJson, withFastObjectJson } from '../src/core/object-json';

/** Every API object of an app, depth first. */
function apiObjects(app: App): ApiObject[] {
  return app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

/** What cdk8s's own toJson writes, as text (key order included). */
function stock(object: ApiObject): string {
  return JSON.stringify(object.toJson());
}

describe('the one-pass toJson renders what cdk8s renders', () => {
  test('every object of every section, both workshops and both profiles, and a fleet tenant', () => {
    const app = everySectionApp();
    const objects = apiObjects(app);
    expect(objects.length).toBeGreaterThan(150);
    const cdk8sApiObjectJson = ApiObject.prototype.toJson;
    for (const object of objects) {
      const path = object.node.path;
      // The one pass is taken (no fallback) and gives what ApiObject's toJson gives...
      expect({ path, json: JSON.stringify(fastObjectJson(object)) }).toEqual({ path, json: JSON.stringify(cdk8sApiObjectJson.call(object)) });
      // ...and the generated classes' toJson, which call it, give what they give with cdk8s's.
      expect({ path, json: withFastObjectJson(app, () => stock(object)) }).toEqual({ path, json: stock(object) });
    }
  });

  test('a map with many keys set out of order', () => {
    const chart = new Chart(new App({ outdir: 'unused' }), 'c');
    const data = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key-${(i * 37) % 50}`, i % 7 === 0 ? null : `v${i}`]));
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', data } as any);
    expect(JSON.stringify(fastObjectJson(object))).toBe(stock(object));
  });

  test('with CDK8S_DISABLE_SORT, keys keep the order they were set in', () => {
    const chart = new Chart(new App({ outdir: 'unused' }), 'c');
    const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', data: { zeta: '1', alpha: '2' }, immutable: true } as any);
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(JSON.stringify(fastObjectJson(object))).toBe(stock(object));
      expect(Object.keys(fastObjectJson(object)!.data as object)).toEqual(['zeta', 'alpha']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  /** A small deterministic generator (the same cases on every run). */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  function value(next: () => number, depth: number): unknown {
    const pick = Math.floor(next() * (depth > 3 ? 6 : 13));
    switch (pick) {
      case 0: return `s${Math.floor(next() * 100)}`;
      case 1: return Math.floor(next() * 2000) - 1000;
      case 2: return next() < 0.5;
      case 3: return null;
      case 4: return undefined;
      case 5: return '';
      case 6: return [];
      case 7: return {};
      case 8: return Array.from({ length: 1 + Math.floor(next() * 3) }, () => value(next, depth + 1));
      case 9: return Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => [`${String.fromCharCode(122 - Math.floor(next() * 26))}${i}`, value(next, depth + 1)]));
      case 10: {
        const produced = value(next, depth + 1);
        return Lazy.any({ produce: () => produced });
      }
      case 11: return next() < 0.5 ? k8s.IntOrString.fromNumber(Math.floor(next() * 100)) : k8s.Quantity.fromString(`${Math.floor(next() * 9)}Mi`);
      default: {
        const resolved = value(next, depth + 1);
        return { resolve: () => resolved };
      }
    }
  }

  function randomObject(seed: number): ApiObject {
    const next = random(seed + 1);
    const chart = new Chart(new App({ outdir: 'unused' }), 'c', next() < 0.5 ? { labels: { team: 'a' }, namespace: 'ns' } : {});
    const metadata = { labels: value(next, 3), annotations: value(next, 3), finalizers: next() < 0.5 ? [] : undefined, extra: value(next, 2) };
    return new ApiObject(chart, 'o', { apiVersion: 'example.com/v1', kind: 'Thing', metadata, spec: value(next, 0), other: value(next, 1) } as any);
  }

  test('most random objects take the one pass', () => {
    const taken = Array.from({ length: 200 }, (_, seed) => fastObjectJson(randomObject(seed))).filter((json) => json !== undefined);
    expect(taken.length).toBeGreaterThan(150);
  });

  test.each(Array.from({ length: 200 }, (_, i) => i))('random object %i', (seed) => {
    const object = randomObject(seed);
    const chart = Chart.of(object);
    let fast: unknown;
    let cdk8s: unknown;
    try {
      cdk8s = stock(object);
    } catch (error) {
      cdk8s = (error as Error).message;
    }
    try {
      fast = withFastObjectJson(chart.node.root as App, () => JSON.stringify(object.toJson()));
    } catch (error) {
      fast = (error as Error).message;
    }
    expect(fast).toEqual(cdk8s);
  });
});

describe('cdk8s renders what the one pass does not handle exactly', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a function', { spec: { handler: () => 1 } }],
    ['a class instance no resolver handles', { spec: { when: new Date(0) } }],
    ['an own constructor key', { data: { constructor: 'x' } }],
    ['an object without a prototype', { data: Object.create(null) }],
    ['a top-level constructor key', { constructor: 'x' }],
    ['a top-level resolve function', { resolve: () => ({ data: { a: '1' } }) }],
    ['a top-level __proto__ key', JSON.parse('{"__proto__": {"a": "1"}}')],
    ['a metadata key named __proto__', { metadata: JSON.parse('{"name": "n", "__proto__": "not an object"}') }],
  ];
  test.each(cases)('%s: falls back, with the same result or error', (_, props) => {
    const app = new App({ outdir: 'unused' });
    const object = new ApiObject(new Chart(app, 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', ...props });
    expect(fastObjectJson(object)).toBeUndefined();
    const outcome = (render: () => unknown) => {
      try {
        return JSON.stringify(render());
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(outcome(() => withFastObjectJson(app, () => object.toJson()))).toEqual(outcome(() => object.toJson()));
  });

  test('JSON patches are applied by cdk8s', () => {
    const app = new App({ outdir: 'unused' });
    const object = new ApiObject(new Chart(app, 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    object.addJsonPatch(JsonPatch.add('/data/b', '2'));
    expect(fastObjectJson(object)).toBeUndefined();
    expect(synthesizeManifests(app)[0].objects[0].data).toEqual({ a: '1', b: '2' });
  });

  test('an app with resolvers of its own is rendered by cdk8s, resolvers included', () => {
    const app = new App({ outdir: 'unused', resolvers: [{ resolve: (context) => { if (context.value === 'REPLACE ME') context.replaceValue('replaced'); } }] });
    new ApiObject(new Chart(app, 'c'), 'o', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'REPLACE ME' } });
    expect(synthesizeManifests(app)[0].objects[0].data).toEqual({ a: 'replaced' });
  });

  test("cdk8s's toJson is back in place after a synthesis, also when it fails", () => {
    const original = ApiObject.prototype.toJson;
    const app = new App({ outdir: 'unused' });
    expect(() => withFastObjectJson(app, () => {
      expect(ApiObject.prototype.toJson).not.toBe(original);
      throw new Error('boom');
    })).toThrow('boom');
    expect(ApiObject.prototype.toJson).toBe(original);
  });
});
