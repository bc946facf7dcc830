import { TextProblem } from './problem';
import {
  ALIAS, ANCHOR, BLOCK_END, BLOCK_ENTRY, BLOCK_MAPPING_START, BLOCK_SEQUENCE_START, DOCUMENT_END, DOCUMENT_START,
  FLOW_ENTRY, FLOW_MAPPING_END, FLOW_MAPPING_START, FLOW_SEQUENCE_END, FLOW_SEQUENCE_START, KEY, PLAIN, SCALAR, Scanner,
  STREAM_END, STREAM_START, TAG, TAG_DIRECTIVE, Token, VALUE, VERSION_DIRECTIVE,
} from './scanner';

// The event parser of the go-yaml-compatible reader: the state machine of go-yaml's parser
// (libyaml's design), turning tokens into node events. Only what decides which documents are
// accepted and what they hold is kept; events carry no end positions.

/** Event kinds. */
export const EV_STREAM_START = 1;
export const EV_STREAM_END = 2;
export const EV_DOCUMENT_START = 3;
export const EV_DOCUMENT_END = 4;
export const EV_ALIAS = 5;
export const EV_SCALAR = 6;
export const EV_SEQUENCE_START = 7;
export const EV_SEQUENCE_END = 8;
export const EV_MAPPING_START = 9;
export const EV_MAPPING_END = 10;

/** One parser event. */
export interface YamlEvent {
  readonly type: number;
  readonly line: number;
  readonly column: number;
  /** The anchor of a node, or the name an alias refers to. */
  readonly anchor?: string;
  /** The node's full tag (`tag:yaml.org,2002:str`, `!foo`, or `!` for the non-specific tag); absent when it has none. */
  readonly tag?: string;
  /** A scalar's text. */
  readonly value?: string;
  /** A scalar's style (see the scanner's constants). */
  readonly style?: number;
  /** A scalar whose type is resolved from its text: plain and untagged (or tagged `!`). */
  readonly implicit?: boolean;
}

const enum_states = {
  STREAM_START: 0,
  IMPLICIT_DOCUMENT_START: 1,
  DOCUMENT_START: 2,
  DOCUMENT_CONTENT: 3,
  DOCUMENT_END: 4,
  BLOCK_NODE: 5,
  BLOCK_NODE_OR_INDENTLESS_SEQUENCE: 6,
  FLOW_NODE: 7,
  BLOCK_SEQUENCE_FIRST_ENTRY: 8,
  BLOCK_SEQUENCE_ENTRY: 9,
  INDENTLESS_SEQUENCE_ENTRY: 10,
  BLOCK_MAPPING_FIRST_KEY: 11,
  BLOCK_MAPPING_KEY: 12,
  BLOCK_MAPPING_VALUE: 13,
  FLOW_SEQUENCE_FIRST_ENTRY: 14,
  FLOW_SEQUENCE_ENTRY: 15,
  FLOW_SEQUENCE_ENTRY_MAPPING_KEY: 16,
  FLOW_SEQUENCE_ENTRY_MAPPING_VALUE: 17,
  FLOW_SEQUENCE_ENTRY_MAPPING_END: 18,
  FLOW_MAPPING_FIRST_KEY: 19,
  FLOW_MAPPING_KEY: 20,
  FLOW_MAPPING_VALUE: 21,
  FLOW_MAPPING_EMPTY_VALUE: 22,
  END: 23,
} as const;
const S = enum_states;

interface TagDirective {
  readonly handle: string;
  readonly prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: readonly TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

/** The events of one YAML text, pulled one at a time with {@link next}. */
export class Parser {
  private readonly scanner: Scanner;
  private state: number = S.STREAM_START;
  private readonly states: number[] = [];
  private readonly marks: Token[] = [];
  private tagDirectives: TagDirective[] = [];

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  /** The next event; after the end of the stream, the stream end again. */
  public next(): YamlEvent {
    if (this.state === S.END || this.scanner.atEnd) {
      return { type: EV_STREAM_END, line: 0, column: 0 };
    }
    return this.stateMachine();
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skip();
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private problem(message: string, token: { line: number; column: number }): TextProblem {
    return new TextProblem(message, token.line, token.column);
  }

  private stateMachine(): YamlEvent {
    switch (this.state) {
      case S.STREAM_START: return this.parseStreamStart();
      case S.IMPLICIT_DOCUMENT_START: return this.parseDocumentStart(true);
      case S.DOCUMENT_START: return this.parseDocumentStart(false);
      case S.DOCUMENT_CONTENT: return this.parseDocumentContent();
      case S.DOCUMENT_END: return this.parseDocumentEnd();
      case S.BLOCK_NODE: return this.parseNode(true, false);
      case S.BLOCK_NODE_OR_INDENTLESS_SEQUENCE: return this.parseNode(true, true);
      case S.FLOW_NODE: return this.parseNode(false, false);
      case S.BLOCK_SEQUENCE_FIRST_ENTRY: return this.parseBlockSequenceEntry(true);
      case S.BLOCK_SEQUENCE_ENTRY: return this.parseBlockSequenceEntry(false);
      case S.INDENTLESS_SEQUENCE_ENTRY: return this.parseIndentlessSequenceEntry();
      case S.BLOCK_MAPPING_FIRST_KEY: return this.parseBlockMappingKey(true);
      case S.BLOCK_MAPPING_KEY: return this.parseBlockMappingKey(false);
      case S.BLOCK_MAPPING_VALUE: return this.parseBlockMappingValue();
      case S.FLOW_SEQUENCE_FIRST_ENTRY: return this.parseFlowSequenceEntry(true);
      case S.FLOW_SEQUENCE_ENTRY: return this.parseFlowSequenceEntry(false);
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY: return this.parseFlowSequenceEntryMappingKey();
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE: return this.parseFlowSequenceEntryMappingValue();
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_END: return this.parseFlowSequenceEntryMappingEnd();
      case S.FLOW_MAPPING_FIRST_KEY: return this.parseFlowMappingKey(true);
      case S.FLOW_MAPPING_KEY: return this.parseFlowMappingKey(false);
      case S.FLOW_MAPPING_VALUE: return this.parseFlowMappingValue(false);
      case S.FLOW_MAPPING_EMPTY_VALUE: return this.parseFlowMappingValue(true);
      default: throw new Error(`YAML parser in an unknown state ${this.state}`);
    }
  }

  private parseStreamStart(): YamlEvent {
    const token = this.peek();
    if (token.type !== STREAM_START) throw this.problem('the stream does not start as expected', token);
    this.state = S.IMPLICIT_DOCUMENT_START;
    this.skip();
    return { type: EV_STREAM_START, line: token.line, column: token.column };
  }

  private parseDocumentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === DOCUMENT_END) {
        this.skip();
        token = this.peek();
      }
    }
    if (implicit && token.type !== VERSION_DIRECTIVE && token.type !== TAG_DIRECTIVE && token.type !== DOCUMENT_START && token.type !== STREAM_END) {
      this.processDirectives();
      this.states.push(S.DOCUMENT_END);
      this.state = S.BLOCK_NODE;
      return { type: EV_DOCUMENT_START, line: token.line, column: token.column };
    }
    if (token.type !== STREAM_END) {
      this.processDirectives();
      token = this.peek();
      if (token.type !== DOCUMENT_START) {
        throw this.problem('a directive is not followed by a document start (kubectl\'s reader splits the stream at every \'---\' line, so directives cannot be used)', token);
      }
      this.states.push(S.DOCUMENT_END);
      this.state = S.DOCUMENT_CONTENT;
      this.skip();
      return { type: EV_DOCUMENT_START, line: token.line, column: token.column };
    }
    this.state = S.END;
    this.skip();
    return { type: EV_STREAM_END, line: token.line, column: token.column };
  }

  private parseDocumentContent(): YamlEvent {
    const token = this.peek();
    if (token.type === VERSION_DIRECTIVE || token.type === TAG_DIRECTIVE || token.type === DOCUMENT_START
      || token.type === DOCUMENT_END || token.type === STREAM_END) {
      this.popState();
      return emptyScalar(token);
    }
    return this.parseNode(true, false);
  }

  private parseDocumentEnd(): YamlEvent {
    const token = this.peek();
    if (token.type === DOCUMENT_END) this.skip();
    this.tagDirectives = [];
    this.state = S.DOCUMENT_START;
    return { type: EV_DOCUMENT_END, line: token.line, column: token.column };
  }

  private parseNode(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === ALIAS) {
      this.popState();
      this.skip();
      return { type: EV_ALIAS, line: token.line, column: token.column, anchor: token.value };
    }
    const start = token;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    if (token.type === ANCHOR) {
      anchor = token.value;
      this.skip();
      token = this.peek();
      if (token.type === TAG) {
        tagToken = token;
        this.skip();
        token = this.peek();
      }
    } else if (token.type === TAG) {
      tagToken = token;
      this.skip();
      token = this.peek();
      if (token.type === ANCHOR) {
        anchor = token.value;
        this.skip();
        token = this.peek();
      }
    }

    let tag = '';
    if (tagToken !== undefined) {
      const handle = tagToken.value ?? '';
      const suffix = tagToken.suffix ?? '';
      if (handle === '') {
        tag = suffix;
      } else {
        const directive = this.tagDirectives.find((d) => d.handle === handle);
        if (directive !== undefined) tag = directive.prefix + suffix;
        if (tag === '') throw this.problem('a tag uses a handle no %TAG directive defines', tagToken);
      }
    }

    const implicit = tag === '';
    const line = start.line;
    const column = start.column;
    const nodeTag = implicit ? undefined : tag;
    if (indentlessSequence && token.type === BLOCK_ENTRY) {
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return { type: EV_SEQUENCE_START, line, column, anchor, tag: nodeTag };
    }
    if (token.type === SCALAR) {
      const plainImplicit = (implicit && token.style === PLAIN) || tag === '!';
      this.popState();
      this.skip();
      return { type: EV_SCALAR, line, column, anchor, tag: nodeTag, value: token.value, style: token.style, implicit: plainImplicit };
    }
    if (token.type === FLOW_SEQUENCE_START) {
      this.state = S.FLOW_SEQUENCE_FIRST_ENTRY;
      return { type: EV_SEQUENCE_START, line, column, anchor, tag: nodeTag };
    }
    if (token.type === FLOW_MAPPING_START) {
      this.state = S.FLOW_MAPPING_FIRST_KEY;
      return { type: EV_MAPPING_START, line, column, anchor, tag: nodeTag };
    }
    if (block && token.type === BLOCK_SEQUENCE_START) {
      this.state = S.BLOCK_SEQUENCE_FIRST_ENTRY;
      return { type: EV_SEQUENCE_START, line, column, anchor, tag: nodeTag };
    }
    if (block && token.type === BLOCK_MAPPING_START) {
      this.state = S.BLOCK_MAPPING_FIRST_KEY;
      return { type: EV_MAPPING_START, line, column, anchor, tag: nodeTag };
    }
    if (anchor !== undefined || !implicit) {
      // An anchor or tag with no content: an empty plain scalar.
      this.popState();
      return { type: EV_SCALAR, line, column, anchor, tag: nodeTag, value: '', style: PLAIN, implicit };
    }
    throw this.problem(block ? 'a value was expected here (in block context)' : 'a value was expected here (in a flow collection)', token);
  }

  private parseBlockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek());
      this.skip();
    }
    let token = this.peek();
    if (token.type === BLOCK_ENTRY) {
      const mark = token;
      this.skip();
      token = this.peek();
      if (token.type !== BLOCK_ENTRY && token.type !== BLOCK_END) {
        this.states.push(S.BLOCK_SEQUENCE_ENTRY);
        return this.parseNode(true, false);
      }
      this.state = S.BLOCK_SEQUENCE_ENTRY;
      return emptyScalar(mark, 1);
    }
    if (token.type === BLOCK_END) {
      this.popState();
      this.marks.pop();
      this.skip();
      return { type: EV_SEQUENCE_END, line: token.line, column: token.column };
    }
    throw this.problem('a block sequence entry (\'- \') was expected here', token);
  }

  private parseIndentlessSequenceEntry(): YamlEvent {
    let token = this.peek();
    if (token.type === BLOCK_ENTRY) {
      const mark = token;
      this.skip();
      token = this.peek();
      if (token.type !== BLOCK_ENTRY && token.type !== KEY && token.type !== VALUE && token.type !== BLOCK_END) {
        this.states.push(S.INDENTLESS_SEQUENCE_ENTRY);
        return this.parseNode(true, false);
      }
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return emptyScalar(mark, 1);
    }
    this.popState();
    return { type: EV_SEQUENCE_END, line: token.line, column: token.column };
  }

  private parseBlockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek());
      this.skip();
    }
    let token = this.peek();
    if (token.type === KEY) {
      const mark = token;
      this.skip();
      token = this.peek();
      if (token.type !== KEY && token.type !== VALUE && token.type !== BLOCK_END) {
        this.states.push(S.BLOCK_MAPPING_VALUE);
        return this.parseNode(true, true);
      }
      this.state = S.BLOCK_MAPPING_VALUE;
      return emptyScalar(mark, 1);
    }
    if (token.type === BLOCK_END) {
      this.popState();
      this.marks.pop();
      this.skip();
      return { type: EV_MAPPING_END, line: token.line, column: token.column };
    }
    throw this.problem('a mapping key was expected here (is the indentation right?)', token);
  }

  private parseBlockMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === VALUE) {
      const mark = token;
      this.skip();
      token = this.peek();
      if (token.type !== KEY && token.type !== VALUE && token.type !== BLOCK_END) {
        this.states.push(S.BLOCK_MAPPING_KEY);
        return this.parseNode(true, true);
      }
      this.state = S.BLOCK_MAPPING_KEY;
      return emptyScalar(mark, 1);
    }
    this.state = S.BLOCK_MAPPING_KEY;
    return emptyScalar(token);
  }

  private parseFlowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek());
      this.skip();
    }
    let token = this.peek();
    if (token.type !== FLOW_SEQUENCE_END) {
      if (!first) {
        if (token.type !== FLOW_ENTRY) throw this.problem('a flow sequence lacks a \',\' or \']\' here', token);
        this.skip();
        token = this.peek();
      }
      if (token.type === KEY) {
        this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        this.skip();
        return { type: EV_MAPPING_START, line: token.line, column: token.column };
      }
      if (token.type !== FLOW_SEQUENCE_END) {
        this.states.push(S.FLOW_SEQUENCE_ENTRY);
        return this.parseNode(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skip();
    return { type: EV_SEQUENCE_END, line: token.line, column: token.column };
  }

  private parseFlowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (token.type !== VALUE && token.type !== FLOW_ENTRY && token.type !== FLOW_SEQUENCE_END) {
      this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      return this.parseNode(false, false);
    }
    this.skip();
    this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    return emptyScalar(token, 1);
  }

  private parseFlowSequenceEntryMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === VALUE) {
      this.skip();
      token = this.peek();
      if (token.type !== FLOW_ENTRY && token.type !== FLOW_SEQUENCE_END) {
        this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_END);
        return this.parseNode(false, false);
      }
    }
    this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_END;
    return emptyScalar(token);
  }

  private parseFlowSequenceEntryMappingEnd(): YamlEvent {
    const token = this.peek();
    this.state = S.FLOW_SEQUENCE_ENTRY;
    return { type: EV_MAPPING_END, line: token.line, column: token.column };
  }

  private parseFlowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek());
      this.skip();
    }
    let token = this.peek();
    if (token.type !== FLOW_MAPPING_END) {
      if (!first) {
        if (token.type !== FLOW_ENTRY) throw this.problem('a flow mapping lacks a \',\' or \'}\' here', token);
        this.skip();
        token = this.peek();
      }
      if (token.type === KEY) {
        this.skip();
        token = this.peek();
        if (token.type !== VALUE && token.type !== FLOW_ENTRY && token.type !== FLOW_MAPPING_END) {
          this.states.push(S.FLOW_MAPPING_VALUE);
          return this.parseNode(false, false);
        }
        this.state = S.FLOW_MAPPING_VALUE;
        return emptyScalar(token);
      }
      if (token.type !== FLOW_MAPPING_END) {
        this.states.push(S.FLOW_MAPPING_EMPTY_VALUE);
        return this.parseNode(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skip();
    return { type: EV_MAPPING_END, line: token.line, column: token.column };
  }

  private parseFlowMappingValue(empty: boolean): YamlEvent {
    let token = this.peek();
    if (empty) {
      this.state = S.FLOW_MAPPING_KEY;
      return emptyScalar(token);
    }
    if (token.type === VALUE) {
      this.skip();
      token = this.peek();
      if (token.type !== FLOW_ENTRY && token.type !== FLOW_MAPPING_END) {
        this.states.push(S.FLOW_MAPPING_KEY);
        return this.parseNode(false, false);
      }
    }
    this.state = S.FLOW_MAPPING_KEY;
    return emptyScalar(token);
  }

  private processDirectives(): void {
    let token = this.peek();
    let version = false;
    const directives: TagDirective[] = [];
    while (token.type === VERSION_DIRECTIVE || token.type === TAG_DIRECTIVE) {
      if (token.type === VERSION_DIRECTIVE) {
        if (version) throw this.problem('a second %YAML directive', token);
        if (token.major !== 1 || token.minor !== 1) throw this.problem('a %YAML directive for a version other than 1.1 (kubectl\'s YAML reader reads only YAML 1.1)', token);
        version = true;
      } else {
        const handle = token.value ?? '';
        if (directives.some((d) => d.handle === handle)) throw this.problem('a second %TAG directive for the same handle', token);
        directives.push({ handle, prefix: token.suffix ?? '' });
      }
      this.skip();
      token = this.peek();
    }
    this.tagDirectives = [...directives];
    for (const directive of DEFAULT_TAG_DIRECTIVES) {
      if (!this.tagDirectives.some((d) => d.handle === directive.handle)) this.tagDirectives.push(directive);
    }
  }
}

/** An empty plain scalar (a missing value) at a token's position, or just after it. */
function emptyScalar(at: { line: number; column: number }, after = 0): YamlEvent {
  return { type: EV_SCALAR, line: at.line, column: at.column + after, value: '', style: PLAIN, implicit: true };
}
