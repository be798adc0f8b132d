// A command line typed by a person, split into words the way a POSIX shell quotes them (no
// expansion: $, *, ~ and backticks stay as typed), so `sh -c 'ls -l /tmp'` runs as three words.

/** The words, or why the line cannot be split (a quote left open, a trailing backslash). */
export type CommandWords = { ok: true; words: string[] } | { ok: false; problem: string };

export function splitCommandWords(line: string): CommandWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
      continue;
    }
    if (char === '\\') {
      const next = line[index + 1];
      if (next === undefined) return { ok: false, problem: 'a backslash at the end escapes nothing: remove it or add the character it should escape' };
      // Inside double quotes a backslash escapes only what the shell would: \ " $ `.
      if (quote === '"' && !['\\', '"', '$', '`'].includes(next)) word += char;
      word += next;
      index += 1;
      inWord = true;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) return { ok: false, problem: `a ${quote === "'" ? 'single' : 'double'} quote is not closed: close it, or escape it with a backslash` };
  if (inWord) words.push(word);
  return { ok: true, words };
}

// A word needs quotes when the splitter would read any of its characters specially.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Words written back as a line that splitCommandWords reads as the same words (single quotes
 * where needed, '\'' for a quote inside): how an edit form shows a stored command.
 */
export function joinCommandWords(words: readonly string[]): string {
  return words.map((word) => (PLAIN_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
