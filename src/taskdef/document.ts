// A task-definition text with positions: paths of findings → exact ranges, found in one pass of
// jsonc-parser's visitor only when there are findings. Pure.
import * as l10n from '@vscode/l10n';
import { parseTree, type ParseError, printParseErrorCode, visit } from 'jsonc-parser';
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

/** Spans found for one requested path (and for each prefix of one). */
interface SpanNode {
  children: Map<string | number, SpanNode>;
  keyStart?: number;
  keyEnd?: number;
  valueStart?: number;
  valueEnd?: number;
}

interface Frame {
  array: boolean;
  index: number;
  key: string | undefined;
  node: SpanNode | undefined;
}

export class ParsedText {
  readonly positions: PositionIndex;
  private spans: SpanNode = { children: new Map() };

  constructor(readonly text: string) {
    this.positions = new PositionIndex(text);
  }

  /**
   * Finds the spans of all `paths` in one pass of jsonc-parser's visitor (no tree is built, and only
   * nodes on a requested path are recorded), so ranges cost little even for large files.
   */
  locate(paths: JsonPath[]): void {
    const root: SpanNode = { children: new Map() };
    for (const path of paths) {
      let node = root;
      for (const seg of path) {
        let child = node.children.get(seg);
        if (!child) node.children.set(seg, (child = { children: new Map() }));
        node = child;
      }
    }
    this.spans = root;
    const stack: Frame[] = [];
    const enter = (offset: number): SpanNode | undefined => {
      const top = stack[stack.length - 1];
      let node: SpanNode | undefined;
      if (!top) node = root;
      else if (top.array) node = top.node?.children.get(top.index++);
      else node = top.key !== undefined ? top.node?.children.get(top.key) : undefined;
      if (node) node.valueStart = offset;
      return node;
    };
    const leave = (offset: number, length: number) => {
      const frame = stack.pop();
      if (frame?.node) frame.node.valueEnd = offset + length;
    };
    visit(
      this.text,
      {
        onObjectBegin: (offset) => void stack.push({ array: false, index: 0, key: undefined, node: enter(offset) }),
        onObjectEnd: leave,
        onArrayBegin: (offset) => void stack.push({ array: true, index: 0, key: undefined, node: enter(offset) }),
        onArrayEnd: leave,
        onObjectProperty: (name, offset, length) => {
          const top = stack[stack.length - 1];
          top.key = name;
          const child = top.node?.children.get(name);
          if (child) {
            child.keyStart = offset;
            child.keyEnd = offset + length;
          }
        },
        onLiteralValue: (_value, offset, length) => {
          const node = enter(offset);
          if (node) node.valueEnd = offset + length;
        },
      },
      { allowTrailingComma: true, disallowComments: false },
    );
  }

  /** Offset and length of `part` of the member at `path` (the deepest existing ancestor if it is missing). */
  span(path: JsonPath, part: Part = 'value'): { offset: number; length: number } {
    let node = this.spans;
    let found = node.valueStart !== undefined ? node : undefined;
    let complete = true;
    for (const seg of path) {
      const child = node.children.get(seg);
      if (!child || child.valueStart === undefined) {
        complete = false;
        break;
      }
      node = child;
      found = child;
    }
    if (!found || found.valueStart === undefined || found.valueEnd === undefined) return { offset: 0, length: 0 };
    if (!complete) return { offset: found.valueStart, length: Math.min(1, found.valueEnd - found.valueStart) };
    const hasKey = found.keyStart !== undefined && found.keyEnd !== undefined;
    if (part === 'open' || (part === 'key' && !hasKey)) return { offset: found.valueStart, length: 1 };
    if (part === 'key') return { offset: found.keyStart!, length: found.keyEnd! - found.keyStart! };
    if (part === 'member' && hasKey) return { offset: found.keyStart!, length: found.valueEnd - found.keyStart! };
    return { offset: found.valueStart, length: found.valueEnd - found.valueStart };
  }

  range(path: JsonPath, part: Part = 'value'): Range {
    const { offset, length } = this.span(path, part);
    return this.positions.range(offset, length);
  }
}

export interface SyntaxProblem {
  offset: number;
  length: number;
  /** jsonc-parser's error code, e.g. `ValueExpected` (the message is translated; this is not). */
  code: string;
  message: string;
  isComment: boolean;
}

/** TD000 for a comment: the one syntax finding the editor keeps in JSONC files. */
export function commentNotAllowedMessage(): string {
  return l10n.t('Comments are not allowed: the ECS API takes plain JSON. Remove the comment.');
}

/** The message for a jsonc-parser error code, in the display language (looked up on each call). */
function syntaxMessage(code: string): string {
  switch (code) {
    case 'InvalidCommentToken':
      return commentNotAllowedMessage();
    case 'InvalidSymbol':
      return l10n.t('Invalid symbol: this is not JSON.');
    case 'InvalidNumberFormat':
      return l10n.t('Invalid number format.');
    case 'PropertyNameExpected':
      return l10n.t('Property name expected (in double quotes).');
    case 'ValueExpected':
      return l10n.t('Value expected (strings need double quotes).');
    case 'ColonExpected':
      return l10n.t('Colon expected after the property name.');
    case 'CommaExpected':
      return l10n.t('Comma expected between members.');
    case 'CloseBraceExpected':
      return l10n.t('Closing brace "}" expected.');
    case 'CloseBracketExpected':
      return l10n.t('Closing bracket "]" expected.');
    case 'EndOfFileExpected':
      return l10n.t('End of file expected: there is text after the JSON value.');
    case 'InvalidUnicode':
      return l10n.t('Invalid unicode escape sequence.');
    case 'InvalidEscapeCharacter':
      return l10n.t('Invalid escape character in string.');
    case 'UnexpectedEndOfComment':
      return l10n.t('Unexpected end of comment.');
    case 'UnexpectedEndOfString':
      return l10n.t('Unterminated string.');
    case 'UnexpectedEndOfNumber':
      return l10n.t('Unexpected end of number.');
    case 'InvalidCharacter':
      return l10n.t('Invalid character in string (control characters must be escaped).');
    default:
      return l10n.t('JSON syntax error ({0}).', code);
  }
}

/** Syntax problems of `text` as strict JSON (comments and trailing commas included). */
export function syntaxProblems(text: string): SyntaxProblem[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return {
      offset: e.offset,
      length: e.length,
      code,
      message: syntaxMessage(code),
      isComment: code === 'InvalidCommentToken',
    };
  });
}
