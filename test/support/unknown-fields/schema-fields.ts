import { parseYamlDocuments, readShared } from '../shared';

/** The CRD files of ../shared/crds the enumeration reads (see crds/SOURCES.md for where each comes from). */
export const CRD_FILES = {
  CiliumNetworkPolicy: 'cilium-1.16.12-cilium.io_ciliumnetworkpolicies.yaml',
  CiliumClusterwideNetworkPolicy: 'cilium-1.16.12-cilium.io_ciliumclusterwidenetworkpolicies.yaml',
  AuthorizationPolicy: 'istio-1.23.6-security.istio.io_authorizationpolicies.yaml',
  DestinationRule: 'istio-1.23.6-networking.istio.io_destinationrules.yaml',
  Gateway: 'istio-1.23.6-networking.istio.io_gateways.yaml',
  VirtualService: 'istio-1.23.6-networking.istio.io_virtualservices.yaml',
  ServiceEntry: 'istio-1.23.6-networking.istio.io_serviceentries.yaml',
  Sidecar: 'istio-1.23.6-networking.istio.io_sidecars.yaml',
} as const;

interface Schema {
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
}

const loaded = new Map<string, Schema[]>();

/** The `openAPIV3Schema` of every version a CRD file serves. */
function versionSchemas(file: string): Schema[] {
  let schemas = loaded.get(file);
  if (schemas === undefined) {
    const [crd] = parseYamlDocuments(readShared('crds', file));
    schemas = (crd.spec.versions as { served: boolean; schema: { openAPIV3Schema: Schema } }[])
      .filter((v) => v.served).map((v) => v.schema.openAPIV3Schema);
    loaded.set(file, schemas);
  }
  return schemas;
}

/**
 * The field names a CRD's schema allows at `path` (`spec.ingress[].toPorts[]`: `[]` steps into
 * a list's items), over every served version; throws when a version has no such place.
 */
export function crdFields(file: string, path: string): string[] {
  const steps = path.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
  const names = new Set<string>();
  for (const root of versionSchemas(file)) {
    let node: Schema | undefined = root;
    for (const step of steps) node = step === '[]' ? node?.items : node?.properties?.[step];
    if (node?.properties === undefined) throw new Error(`${file} has no fields at ${path}`);
    Object.keys(node.properties).forEach((name) => names.add(name));
  }
  return [...names].sort();
}
