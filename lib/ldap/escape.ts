/**
 * RFC 4515: a value inside a search filter. `*`, `(`, `)`, `\` and NUL would change the filter
 * (a username of `*)(uid=*` would match everyone), so each becomes \XX; so does every byte that
 * is not printable ASCII, which keeps the filter plain ASCII whatever the server's parser.
 */
export function escapeFilterValue(value: string): string {
  let escaped = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    escaped += byte < 0x20 || byte > 0x7e || char === '*' || char === '(' || char === ')' || char === '\\' ? `\\${byte.toString(16).padStart(2, '0')}` : char;
  }
  return escaped;
}

/**
 * RFC 4514: a value of one attribute in a distinguished name. The specials get a backslash; a
 * leading space or #, a trailing space and NUL are escaped too.
 */
export function escapeDnValue(value: string): string {
  let escaped = '';
  [...value].forEach((char, index, chars) => {
    if (char === '\0') escaped += '\\00';
    else if ('"+,;<>\\='.includes(char)) escaped += `\\${char}`;
    else if ((index === 0 && (char === ' ' || char === '#')) || (index === chars.length - 1 && char === ' ')) escaped += `\\${char}`;
    else escaped += char;
  });
  return escaped;
}

/** A filter template's placeholders ({username}, {dn}) replaced by their escaped values; others are left as they are. */
export function fillFilter(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z]+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    return value === undefined ? placeholder : escapeFilterValue(value);
  });
}
