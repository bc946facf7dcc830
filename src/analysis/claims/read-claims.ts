import { Claim, CLAIM_EXPECTATIONS, ParsedClaim } from './claim';
import { protocolField } from './claim-fields';
import { checkSource, readSource } from './sources';
import { QueryContext } from './target-kind';
import { TARGET_KINDS, withTargetKind } from './targets/registry';
import { ManifestEmitter } from '../../core/manifest-emitter';
import { FieldReader, ObjectSource } from '../model/field-reader';
import { inputError } from '../model/input-error';
import { FieldPath, isMap, own } from '../model/json';
import { readYamlText } from '../read';

const ID = /^[A-Za-z0-9][-A-Za-z0-9_.]*$/;
const CLAIM_FIELDS = ['id', 'description', 'from', 'to', 'protocol', 'expect'];

function claimReader(source: ObjectSource, index: number, value: unknown): FieldReader {
  const id = isMap(value) && typeof own(value, 'id') === 'string' ? ` (${String(own(value, 'id'))})` : '';
  const locateInDocument = source.locate;
  const locate = locateInDocument === undefined ? undefined : (path: FieldPath) => locateInDocument([index, ...path]);
  return new FieldReader({ file: source.file, document: source.document, locate }, `claim ${index + 1}${id}`);
}

/** Reads one claim (as a claims file writes it) into a checked claim with the kinds of its source and target. */
export function readClaim(value: unknown, source: ObjectSource, index: number): ParsedClaim {
  const reader: FieldReader = claimReader(source, index, value);
  const fields = reader.map(value, []);
  reader.refuseUnknown(fields, [], CLAIM_FIELDS);
  const id = reader.string(own(fields, 'id'), ['id'], 'must be a name of letters, digits, -, _ and . (at most 253 characters)', (t) => ID.test(t) && t.length <= 253);
  const description = reader.optionalString(fields, 'description', [], 'must be text');
  const from = readSource(reader, own(fields, 'from'), ['from']);
  const protocol = protocolField(reader, fields, []);
  const to = reader.map(own(fields, 'to'), ['to']);
  const kind = Object.values(TARGET_KINDS).find((k) => k.recognizes(to, from));
  if (kind === undefined) {
    reader.fail(['to'], 'must name a service (with namespace and port), pods (namespace, labels, port), an fqdn or an ip (with port); '
      + 'with an ingressGateway source, the request (host, path, port)');
  }
  const target = kind.read(reader, to, ['to'], from, protocol);
  if (target.kind === 'pods' && from.kind === 'ingressGateway') reader.fail(['to'], 'must be a request (host, path, port) with an ingressGateway source');
  const expect = reader.oneOf(own(fields, 'expect'), ['expect'], CLAIM_EXPECTATIONS);
  // Only the document's locate function is kept: not the document, whose value is every claim of the file.
  const locateInDocument = source.locate;
  const locate = locateInDocument === undefined ? undefined : (path: FieldPath) => locateInDocument([index, ...path]);
  return { id, description, source: from, target, protocol, expect, origin: { file: source.file, index, locate } };
}

/**
 * Reads claims from YAML: one list of `{ id, from, to, expect }` (see the README). Throws an
 * input error naming the file, line, claim and field, and what is allowed.
 */
export function parseClaims(text: string | Buffer, file: string = 'the claims'): ParsedClaim[] {
  const documents = readYamlText(text, file).filter((d: { value: unknown }) => d.value !== null && d.value !== undefined);
  const list = documents.length === 1 ? documents[0].value : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw inputError({ file }, 'must be one YAML list of claims (- id: ..., from: ..., to: ..., expect: ...)');
  }
  const claims = list.map((value, index) => readClaim(value, documents[0], index));
  checkUniqueIds(claims);
  return claims;
}

/** Reads claims given as objects (a library user's, the workshop's), each named by its place in `source`. */
export function readClaims(claims: readonly (Claim | unknown)[], source: string = 'the claims'): ParsedClaim[] {
  const read = claims.map((claim, index) => readClaim(claim, { file: source }, index));
  checkUniqueIds(read);
  return read;
}

/** Throws for an id used by an earlier claim: ids are unique among the claims checked together, across files. */
export function checkUniqueIds(claims: readonly ParsedClaim[]): void {
  const seen = new Map<string, ParsedClaim>();
  for (const claim of claims) {
    const earlier = seen.get(claim.id);
    if (earlier !== undefined) {
      const reader = new FieldReader({ file: claim.origin.file, locate: claim.origin.locate }, `claim ${claim.origin.index + 1} (${claim.id})`);
      const at = earlier.origin.locate?.(['id']);
      const line = at === undefined ? '' : `, whose id is at line ${at.line}, column ${at.column}`;
      reader.fail(['id'], `is used by an earlier claim (${earlier.origin.file}, claim ${earlier.origin.index + 1})${line}; ids must be unique among the claims checked together`);
    }
    seen.set(claim.id, claim);
  }
}

/** Throws an input error for a claim that names a namespace, Service, port or pods the manifests do not have: such a claim can get no verdict. */
export function checkClaimAgainst(claim: ParsedClaim, context: QueryContext): void {
  const reader = new FieldReader({ file: claim.origin.file, locate: claim.origin.locate }, `claim ${claim.origin.index + 1} (${claim.id})`);
  checkSource(claim.source, context, reader, ['from']);
  withTargetKind(claim.target, (kind, target) => kind.checkAgainst(target, context, reader, ['to']));
}

/**
 * Claims as the YAML {@link parseClaims} reads: YAML 1.1, written as the manifests are, so a
 * name such as `yes` or `1_000` is quoted and reads back as the string it is.
 */
export function renderClaims(claims: readonly Claim[]): string {
  return new ManifestEmitter().stringify([claims.map((c) => ({ ...c }))]);
}
