// A parsed task-definition text: the value plus lazy positions (path → range), built with jsonc-parser
// only when a finding needs a range. Pure.
import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { Position, Range } from './types';

export type JsonPath = (string | number)[];

/** Where on a path a finding points: the member's key, its value, or the key through the value. */
export type Part = 'key' | 'value' | 'member' | 'open';

export class PositionIndex {
  private lineStarts: number[] | undefined;
  constructor(private readonly text: string) {}

  positionAt(offset: number): Position {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        } else if (c === 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  range(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }
}

export class ParsedText {
  private tree: Node | undefined;
  private treeBuilt = false;
  readonly positions: PositionIndex;

  constructor(readonly text: string) {
    this.positions = new PositionIndex(text);
  }

  root(): Node | undefined {
    if (!this.treeBuilt) {
      this.tree = parseTree(this.text, [], { allowTrailingComma: true, disallowComments: false });
      this.treeBuilt = true;
    }
    return this.tree;
  }

  /** The node at `path` (its value node), or the deepest existing ancestor when it is missing. */
  node(path: JsonPath): Node | undefined {
    const root = this.root();
    if (!root) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (node) return node;
    }
    return undefined;
  }

  /** Offset and length of `part` of the member at `path`. */
  span(path: JsonPath, part: Part = 'value'): { offset: number; length: number } {
    const root = this.root();
    const node = root ? findNodeAtLocation(root, path) : undefined;
    if (!node) {
      const ancestor = this.node(path);
      return ancestor ? { offset: ancestor.offset, length: Math.min(ancestor.length, 1) } : { offset: 0, length: 0 };
    }
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    if (part === 'open' || (part === 'key' && !property)) return { offset: node.offset, length: 1 };
    if (part === 'key' && property?.children?.[0]) {
      const key = property.children[0];
      return { offset: key.offset, length: key.length };
    }
    if (part === 'member' && property) return { offset: property.offset, length: property.length };
    return { offset: node.offset, length: node.length };
  }

  range(path: JsonPath, part: Part = 'value'): Range {
    const { offset, length } = this.span(path, part);
    return this.positions.range(offset, length);
  }
}

export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
  isComment: boolean;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidCommentToken: 'Comments are not allowed: the ECS API takes plain JSON. Remove the comment.',
  InvalidSymbol: 'Invalid symbol: this is not JSON.',
  InvalidNumberFormat: 'Invalid number format.',
  PropertyNameExpected: 'Property name expected (in double quotes).',
  ValueExpected: 'Value expected (strings need double quotes).',
  ColonExpected: 'Colon expected after the property name.',
  CommaExpected: 'Comma expected between members.',
  CloseBraceExpected: 'Closing brace "}" expected.',
  CloseBracketExpected: 'Closing bracket "]" expected.',
  EndOfFileExpected: 'End of file expected: there is text after the JSON value.',
  InvalidUnicode: 'Invalid unicode escape sequence.',
  InvalidEscapeCharacter: 'Invalid escape character in string.',
  UnexpectedEndOfComment: 'Unexpected end of comment.',
  UnexpectedEndOfString: 'Unterminated string.',
  UnexpectedEndOfNumber: 'Unexpected end of number.',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped).',
};

/** Syntax problems of `text` as strict JSON (comments and trailing commas included). */
export function syntaxProblems(text: string): SyntaxProblem[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return {
      offset: e.offset,
      length: e.length,
      message: SYNTAX_MESSAGES[code] ?? `JSON syntax error (${code}).`,
      isComment: code === 'InvalidCommentToken',
    };
  });
}
