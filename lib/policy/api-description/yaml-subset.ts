// A reader for the subset of YAML the engine's API description uses (block mappings and
// sequences, quoted and plain scalars, `|`/`>` block scalars, comments). It exists so the unit
// test can walk docker-engine-api-v1.41.yaml without a YAML dependency; flow collections
// (`[a, b]`, `{a: b}`) are kept as their raw text, which the test never needs to look inside.

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  readonly indent: number;
  readonly text: string;
}

/**
 * Walks the characters of one line that lie outside quotes (a `"` string may escape its quote);
 * `visit` returns true to stop. The index where it stopped, or -1.
 */
function scanUnquoted(text: string, visit: (char: string, index: number) => boolean): number {
  let quote: string | null = null;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (visit(char, index)) return index;
  }
  return -1;
}

function stripComment(text: string): string {
  const hash = scanUnquoted(text, (char, index) => char === '#' && (index === 0 || text[index - 1] === ' '));
  return (hash === -1 ? text : text.slice(0, hash)).trimEnd();
}

function bracketBalance(text: string): number {
  let depth = 0;
  scanUnquoted(text, (char) => {
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    return false;
  });
  return depth;
}

function toLines(source: string): Line[] {
  const lines: Line[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const indent = raw.length - raw.trimStart().length;
    lines.push({ indent, text: raw.trimStart() });
  }
  return lines;
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) return JSON.parse(trimmed) as string;
  if (trimmed.startsWith("'") && trimmed.endsWith("'") && trimmed.length >= 2) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"][^#]*?):(?:\s+(.*))?$/;

class Reader {
  private index = 0;
  constructor(private readonly lines: Line[]) {}

  private skipBlank(): void {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      if (line && line.text !== '' && !line.text.startsWith('#')) return;
      this.index++;
    }
  }

  private peek(): Line | undefined {
    this.skipBlank();
    return this.lines[this.index];
  }

  /** Skips the lines of a block scalar or a multi-line plain/quoted scalar: all deeper than `indent`. */
  private skipDeeper(indent: number): void {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      if (!line) return;
      if (line.text !== '' && line.indent <= indent) return;
      this.index++;
    }
  }

  block(minIndent: number): YamlValue {
    const first = this.peek();
    if (!first || first.indent < minIndent) return '';
    return first.text.startsWith('- ') || first.text === '-' ? this.sequence(first.indent) : this.mapping(first.indent);
  }

  private valueAfterKey(keyIndent: number, rest: string | undefined, allowSameIndentSequence: boolean): YamlValue {
    const text = rest === undefined ? '' : stripComment(rest);
    if (text === '') {
      const next = this.peek();
      if (next && next.indent > keyIndent) {
        const nested = next.text.startsWith('- ') || KEY.test(stripComment(next.text));
        if (nested) return this.block(keyIndent + 1);
        this.skipDeeper(keyIndent); // a plain scalar that starts on the next line
        return '';
      }
      if (next && allowSameIndentSequence && next.indent === keyIndent && next.text.startsWith('- ')) return this.sequence(keyIndent);
      return '';
    }
    if (/^[|>][-+0-9]*$/.test(text)) {
      this.skipDeeper(keyIndent);
      return '';
    }
    if (text.startsWith('{') || text.startsWith('[')) return this.flow(text, keyIndent);
    this.skipDeeper(keyIndent);
    return unquote(text);
  }

  /** A flow collection, possibly over several lines: kept as its raw text. */
  private flow(start: string, keyIndent: number): string {
    let text = start;
    let depth = bracketBalance(start);
    while (depth > 0 && this.index < this.lines.length) {
      const line = this.lines[this.index++];
      const part = line ? stripComment(line.text) : '';
      text += ` ${part}`;
      depth += bracketBalance(part);
    }
    this.skipDeeper(keyIndent);
    return text;
  }

  private mapping(indent: number): YamlValue {
    const result: { [key: string]: YamlValue } = {};
    for (let line = this.peek(); line && line.indent === indent && !line.text.startsWith('- '); line = this.peek()) {
      const match = KEY.exec(stripComment(line.text));
      if (!match?.[1]) throw new Error(`yaml-subset: expected a key at line ${this.index + 1}: ${line.text}`);
      this.index++;
      result[unquote(match[1])] = this.valueAfterKey(indent, match[2], true);
    }
    return result;
  }

  private sequence(indent: number): YamlValue {
    const result: YamlValue[] = [];
    for (let line = this.peek(); line && line.indent === indent && (line.text.startsWith('- ') || line.text === '-'); line = this.peek()) {
      const content = line.text === '-' ? '' : line.text.slice(2);
      const itemIndent = indent + 2 + (content.length - content.trimStart().length);
      const trimmed = content.trimStart();
      if (trimmed === '') {
        this.index++;
        result.push(this.block(indent + 1));
      } else if (KEY.test(stripComment(trimmed)) && !trimmed.startsWith('"') && !trimmed.startsWith("'") ? true : /^("(?:[^"\\]|\\.)*"|'[^']*'):(\s|$)/.test(trimmed)) {
        // "- key: value": a mapping whose first key sits after the dash.
        this.lines[this.index] = { indent: itemIndent, text: trimmed };
        result.push(this.mapping(itemIndent));
      } else {
        this.index++;
        this.skipDeeper(indent);
        result.push(unquote(stripComment(trimmed)));
      }
    }
    return result;
  }
}

/** Parses the YAML subset described above. Throws on a line it cannot read. */
export function parseYamlSubset(source: string): YamlValue {
  return new Reader(toLines(source)).block(0);
}
