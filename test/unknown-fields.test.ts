import { Claim, ClaimResult, ConnectivityModel, MODEL_COVERAGE } from '../src';
import { describeWithShared } from './support/shared';
import { CONTROLS, FIELD_CASES, FieldCase, NESTED_CASES, NON_FIELD_CASES, PROBES } from './support/unknown-fields/cases';
import { CRD_FILES, crdFields } from './support/unknown-fields/schema-fields';
import { CONDITION_KEYS, MESH_CONFIG_FIELDS } from './support/unknown-fields/upstream-lists';

/**
 * Issue 20, "no claim gets a definite verdict where an unmodelled field applies": for every part
 * of MODEL_COVERAGE whose other fields make a verdict unknown, the fields the real schema allows
 * there minus the ones the model reads or knows harmless each get a case (manifests with the
 * field where it applies to a claim's connection) whose verdict must be `unknown`, naming the
 * object and the field. Controls show the same manifests without the field get a definite
 * verdict, and that such a field where it cannot apply leaves the verdict definite.
 */

const UNKNOWN = 'makes the verdict unknown';

/**
 * Cases that get a definite verdict today: soundness bugs, one line each. Their tests are
 * `test.failing`, so fixing a bug fails the suite until its line is removed here.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
};

/** Where a part of MODEL_COVERAGE is in an object, and the fields the real schema allows there. */
interface Placement {
  readonly kind: string;
  /** The MODEL_COVERAGE row's part. */
  readonly part: string;
  /** Where it is: `spec.ingress[]` (one row may cover several places). */
  readonly place: string;
  readonly fields: () => readonly string[];
}

const crd = (kind: keyof typeof CRD_FILES, part: string, place: string): Placement => ({
  kind, part, place, fields: () => crdFields(CRD_FILES[kind], place),
});
const CILIUM_PLACES: readonly [string, string][] = [
  ['ingress[], ingressDeny[]', 'spec.ingress[]'], ['ingress[], ingressDeny[]', 'spec.ingressDeny[]'],
  ['egress[], egressDeny[]', 'spec.egress[]'], ['egress[], egressDeny[]', 'spec.egressDeny[]'],
  ...['ingress', 'ingressDeny', 'egress', 'egressDeny'].map((list): [string, string] => ['toPorts[]', `spec.${list}[].toPorts[]`]),
  ['toPorts[].rules', 'spec.ingress[].toPorts[].rules'], ['toPorts[].rules', 'spec.egress[].toPorts[].rules'],
  ['toPorts[].rules.http[]', 'spec.ingress[].toPorts[].rules.http[]'], ['toPorts[].rules.http[]', 'spec.egress[].toPorts[].rules.http[]'],
];

const PLACEMENTS: readonly Placement[] = [
  ...CILIUM_PLACES.map(([part, place]) => crd('CiliumNetworkPolicy', part, place)),
  crd('AuthorizationPolicy', 'spec', 'spec'),
  crd('AuthorizationPolicy', 'rules[].from[].source', 'spec.rules[].from[].source'),
  crd('AuthorizationPolicy', 'rules[].to[].operation', 'spec.rules[].to[].operation'),
  // Condition keys are values, not schema fields: the list is Istio's (see upstream-lists.ts).
  { kind: 'AuthorizationPolicy', part: 'rules[].when[].key', place: 'spec.rules[].when[].key', fields: () => CONDITION_KEYS },
  crd('DestinationRule', 'spec', 'spec'),
  crd('DestinationRule', 'trafficPolicy', 'spec.trafficPolicy'),
  crd('DestinationRule', 'trafficPolicy', 'spec.subsets[].trafficPolicy'),
  crd('Gateway', 'spec.servers[]', 'spec.servers[]'),
  crd('VirtualService', 'spec', 'spec'),
  crd('VirtualService', 'http[]', 'spec.http[]'),
  crd('VirtualService', 'http[].match[]', 'spec.http[].match[]'),
  crd('ServiceEntry', 'spec', 'spec'),
  crd('Sidecar', 'spec', 'spec'),
  // The mesh configuration is YAML inside a ConfigMap: the list is istio/api's MeshConfig (see upstream-lists.ts).
  { kind: 'ConfigMap istio-shared-configmap-<revision>', part: 'data.mesh', place: 'data.mesh', fields: () => MESH_CONFIG_FIELDS },
];

const rowOf = (p: Placement) => MODEL_COVERAGE.find((row) => row.kinds.split(', ').includes(p.kind) && row.part === p.part);

/** Whether `field` is one of `names`, or under one written `prefix.*`. */
function listed(field: string, names: readonly string[]): boolean {
  return names.some((name) => name === field || (name.endsWith('.*') && field.startsWith(name.slice(0, -1))));
}

/** Every field of every placement that the model neither reads nor knows harmless: `<kind> <place> <field>`. */
function unmodelledFields(): string[] {
  return PLACEMENTS.flatMap((p) => {
    const row = rowOf(p)!;
    return p.fields().filter((f) => !listed(f, row.understood) && !listed(f, row.ignored)).map((f) => `${p.kind} ${p.place} ${f}`);
  });
}

function check(manifests: readonly unknown[], claim: Claim): ClaimResult {
  return ConnectivityModel.fromObjects(manifests).check([claim])[0];
}

/** Whether an unknown verdict reports the case's object and field (some findings name the place inside the object: `... when[0]`). */
function reportsField(result: ClaimResult, names: FieldCase['names']): boolean {
  return result.unknownFields.some((f) => {
    if (!f.object.startsWith(names.object)) return false;
    const located = `${f.object.slice(names.object.length).trim()} ${f.field}`.trim();
    return typeof names.field === 'string' ? located === names.field : names.field.test(located);
  });
}

/** What the verifier said, for the list of known failures. */
function said(result: ClaimResult): string {
  // The finding that decided it: the first that stops or cannot decide the connection, else the last one.
  const deciding = result.reasons.find((r) => r.outcome !== 'allowed' && r.outcome === result.actual) ?? result.reasons[result.reasons.length - 1];
  const fields = result.unknownFields.map((f) => `${f.object}: ${f.field}`).join('; ');
  return `${result.actual}${fields === '' ? '' : ` (fields: ${fields})`}${deciding === undefined ? '' : ` — ${deciding.text}`}`;
}

const failures: string[] = [];

/** `test`, or `test.failing` for a case listed in KNOWN_FAILURES. */
function caseTest(key: string, body: () => void): void {
  if (KNOWN_FAILURES[key] === undefined) test(key, body);
  else test.failing(`${key} [known failure: ${KNOWN_FAILURES[key]}]`, body);
}

function unknownTests(cases: readonly FieldCase[]): void {
  describe('unknown, naming the object and field', () => {
    for (const c of cases) {
      caseTest(c.key, () => {
        const result = check(c.manifests, c.claim);
        if (KNOWN_FAILURES[c.key] !== undefined) failures.push(`${c.key}: ${said(result)}`);
        // On a mismatch the diff shows the verdict and the fields reported instead.
        expect({ verdict: result.actual, names: reportsField(result, c.names) ? c.names : result.unknownFields })
          .toEqual({ verdict: 'unknown', names: c.names });
      });
    }
  });
  const controls = cases.filter((c) => c.without !== undefined);
  test.each(controls.map((c): [string, FieldCase] => [c.key, c]))('without %s: a definite verdict', (_key, c) => {
    expect(check(c.without!.manifests, c.claim).actual).toBe(c.without!.verdict);
  });
}

describeWithShared('the fields a part may hold, from the CRDs and the upstream API definitions', () => {
  test('every part whose other fields make a verdict unknown has its places listed here', () => {
    const rows = MODEL_COVERAGE.filter((row) => row.otherwise === UNKNOWN).map((row) => `${row.kinds} | ${row.part}`);
    const placed = new Set(PLACEMENTS.map((p) => rowOf(p)).filter((row) => row !== undefined).map((row) => `${row!.kinds} | ${row!.part}`));
    expect(rows.filter((row) => !placed.has(row))).toEqual([]);
    // And every place belongs to such a row.
    expect(PLACEMENTS.filter((p) => rowOf(p)?.otherwise !== UNKNOWN).map((p) => `${p.kind} ${p.place}`)).toEqual([]);
  });

  test('CiliumClusterwideNetworkPolicy allows the same fields as CiliumNetworkPolicy in every rule part', () => {
    const fieldsOf = (file: string, place: string) => crdFields(file, place).join();
    const differ = CILIUM_PLACES.map(([, place]) => place)
      .filter((place) => fieldsOf(CRD_FILES.CiliumClusterwideNetworkPolicy, place) !== fieldsOf(CRD_FILES.CiliumNetworkPolicy, place));
    expect(differ).toEqual([]);
  });

  test('each field the model does not read has exactly one case', () => {
    const fields = unmodelledFields();
    const keys = FIELD_CASES.map((c) => c.key);
    const result = {
      // A field the schema allows (or the model stopped reading) without a case: write one in test/support/unknown-fields/cases.ts.
      withoutCase: fields.filter((f) => !keys.includes(f)),
      // A case for a field the schema no longer has, or the model now reads: move or delete it.
      stale: keys.filter((k) => !fields.includes(k)),
      duplicated: keys.filter((k, i) => keys.indexOf(k) !== i),
    };
    expect(result).toEqual({ withoutCase: [], stale: [], duplicated: [] });
    process.stdout.write(`unknown-fields: ${fields.length} unmodelled fields enumerated over ${PLACEMENTS.length} places, one case each\n`);
  });
});

describe('a field the model does not read makes a verdict it could change unknown', () => {
  unknownTests(FIELD_CASES);
});

describe("what the pod template and Service rows' `otherwise` column names makes a verdict it could change unknown", () => {
  unknownTests(NON_FIELD_CASES);
});

describe('fields the readers flag inside the parts they read make a verdict unknown', () => {
  unknownTests(NESTED_CASES);
});

describe('a field that cannot apply to the connection, or cannot change its answer, leaves the verdict definite', () => {
  test.each(CONTROLS.map((c): [string, typeof c] => [c.name, c]))('%s', (_name, c) => {
    const result = check(c.manifests, c.claim);
    expect({ verdict: result.actual, fields: result.unknownFields }).toEqual({ verdict: c.verdict, fields: [] });
  });
});

test('every known failure is one of the cases', () => {
  const names = [...FIELD_CASES, ...NON_FIELD_CASES, ...NESTED_CASES].map((c) => c.key).concat(PROBES.map((p) => p.name));
  expect(Object.keys(KNOWN_FAILURES).filter((key) => !names.includes(key))).toEqual([]);
});

describe('fields the coverage calls harmless, or reads in one place only, do not give a wrong definite verdict', () => {
  for (const probe of PROBES) {
    caseTest(probe.name, () => {
      const result = check(probe.manifests, probe.claim);
      if (KNOWN_FAILURES[probe.name] !== undefined) failures.push(`${probe.name}: ${said(result)}`);
      // The verdict may be the right one or unknown; `wrong` contradicts the source in `because`.
      expect({ verdict: result.actual, because: probe.because }).not.toEqual({ verdict: probe.wrong, because: probe.because });
    });
  }
});

// Last, so that every case above has run: a known failure must fail on its verdict, not on bad input.
test('every known failure got a verdict', () => {
  expect(failures.map((line) => Object.keys(KNOWN_FAILURES).find((key) => line.startsWith(`${key}: `))).sort()).toEqual(Object.keys(KNOWN_FAILURES).sort());
});

afterAll(() => {
  if (failures.length > 0) process.stdout.write(`unknown-fields: known failures (definite verdicts where an unread field applies):\n  ${failures.join('\n  ')}\n`);
});
