// An env file as docker compose reads it: KEY=VALUE lines, # comments, optional quotes, `export `.

export class EnvFileError extends Error {}

export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new EnvFileError(`env file line ${index + 1}: expected KEY=VALUE`);
    const [, key = '', rest = ''] = match;
    const quoted = /^(["'])([\s\S]*)\1$/.exec(rest);
    const value = quoted ? (quoted[1] === '"' ? (quoted[2] ?? '').replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : (quoted[2] ?? '')) : rest.replace(/\s+#.*$/, '');
    vars.set(key, value);
  });
  return vars;
}
