import { IConstruct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';

/** Characters Cilium accepts in DNS names and patterns. */
const FQDN_CHARACTERS = /^[-a-zA-Z0-9_.*]+$/;

/** How a DNS rule or an FQDN peer matches names. */
export class FqdnMatch {
  /** Matches exactly `name` (no wildcards), e.g. `graph.microsoft.com`. */
  public static exactName(name: string): FqdnMatch {
    return new FqdnMatch('matchName', name);
  }

  /**
   * Matches names against `pattern`, where `*` stands for any characters valid in a DNS
   * name, e.g. `*.microsoft.com`.
   */
  public static pattern(pattern: string): FqdnMatch {
    return new FqdnMatch('matchPattern', pattern);
  }

  private constructor(
    /** The Cilium field this renders to. */
    public readonly field: 'matchName' | 'matchPattern',
    /** The name or pattern. */
    public readonly value: string,
  ) {}

  /** Validates the match (naming `prop` of `scope` in errors) and renders it for Cilium. */
  public render(scope: IConstruct, prop: string): { matchName: string } | { matchPattern: string } {
    if (typeof this.value !== 'string' || this.value.length > 255 || !FQDN_CHARACTERS.test(this.value) || this.value.startsWith('.') || this.value.includes('..')) {
      throw new InvalidPropError(scope, `${prop}.${this.field}`, this.value,
        "must be a DNS name of at most 255 letters, digits, '-', '_' and '.' (and '*' in patterns), not empty, without empty labels");
    }
    if (this.field === 'matchName' && this.value.includes('*')) {
      throw new InvalidPropError(scope, `${prop}.matchName`, this.value, "must not contain '*'; use FqdnMatch.pattern for wildcards");
    }
    return this.field === 'matchName' ? { matchName: this.value } : { matchPattern: this.value };
  }
}

/** @internal Throws unless `value` is an FqdnMatch. */
export function requireFqdnMatch(scope: IConstruct, prop: string, value: unknown): FqdnMatch {
  if (!(value instanceof FqdnMatch)) {
    throw new InvalidPropError(scope, prop, value, "must be an FqdnMatch: FqdnMatch.exactName('x.example.com') or FqdnMatch.pattern('*.example.com')");
  }
  return value;
}
