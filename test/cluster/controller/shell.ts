// A tiny model of what a container's command does, for the simulated kubelet and the real cluster's
// fake kubelet: `sh -c` / script text split into statements (`;`, newlines, `&&`), with `echo [-n]`
// (quotes, `>`/`>>` redirections to files), `cat FILE`, `sleep N`, `exit N`, `true`, `false`; a bare
// `echo ...` command; Python `print('...')` / `sys.exit(N)`. What it prints, the files it writes
// (output parameters read them through `valueFrom.path`) and its exit code.

export interface ShellRun {
  /** Everything written to stdout, as the container would print it. */
  stdout: string;
  /** Files written (path -> content). */
  files: Map<string, string>;
  exitCode: number;
  /** Total of `sleep` statements, in milliseconds. */
  sleepMs: number;
}

/** Splits a statement into words (single and double quotes, backslash escapes in double quotes). */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      cur += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
      has = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        cur += s[j];
      }
      i = j;
      has = true;
    } else if (c === '>') {
      if (has) out.push(cur);
      cur = '';
      has = false;
      const append = s[i + 1] === '>';
      out.push(append ? '>>' : '>');
      if (append) i++;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Statements of a shell text: `;`, newlines and `&&` outside quotes end one. */
function statements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === ';' || c === '\n' || (c === '&' && text[i + 1] === '&')) {
      if (c === '&') i++;
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.filter((s) => s !== '' && !s.startsWith('#'));
}

function runWords(words: string[], run: ShellRun): boolean {
  const [cmd, ...rest] = words;
  const redirect = rest.findIndex((w) => w === '>' || w === '>>');
  const args = redirect >= 0 ? rest.slice(0, redirect) : rest;
  const write = (text: string): void => {
    if (redirect < 0 || rest[redirect + 1] === undefined) run.stdout += text;
    else {
      const file = rest[redirect + 1];
      run.files.set(file, (rest[redirect] === '>>' ? (run.files.get(file) ?? '') : '') + text);
    }
  };
  switch (cmd) {
    case 'echo': {
      let newline = true;
      while (args[0] === '-n' || args[0] === '-e') if (args.shift() === '-n') newline = false;
      write(args.join(' ') + (newline ? '\n' : ''));
      return true;
    }
    case 'cat':
      write(args.map((f) => run.files.get(f) ?? '').join(''));
      return true;
    case 'sleep':
      run.sleepMs += Math.round(Number(args[0] ?? 0) * 1000) || 0;
      return true;
    case 'exit':
      run.exitCode = Number(args[0] ?? 0) || 0;
      return false;
    case 'false':
      run.exitCode = 1;
      return true;
    default:
      return true;
  }
}

export function runShell(text: string): ShellRun {
  const run: ShellRun = { stdout: '', files: new Map(), exitCode: 0, sleepMs: 0 };
  for (const stmt of statements(text)) if (!runWords(shellWords(stmt), run)) break;
  return run;
}

function runPython(text: string): ShellRun {
  const run: ShellRun = { stdout: '', files: new Map(), exitCode: 0, sleepMs: 0 };
  for (const m of text.matchAll(/print\(\s*(?:f?["'])(.*?)["']\s*\)/g)) run.stdout += `${m[1]}\n`;
  const exit = /sys\.exit\((\d+)\)/.exec(text);
  if (exit) run.exitCode = Number(exit[1]);
  return run;
}

/** What a container (command + args) or a script template (command + source) does. */
export function interpretContainer(command: readonly string[], args: readonly string[], source?: string): ShellRun {
  const argv = [...command, ...args];
  const isShell = (p: string | undefined): boolean => p !== undefined && /(^|\/)(ba)?sh$/.test(p);
  if (source !== undefined) return isShell(command[0]) ? runShell(source) : runPython(source);
  if (isShell(argv[0]) && argv[1] === '-c') return runShell(argv.slice(2).join(' '));
  if (argv.length > 0 && /(^|\/)echo$/.test(argv[0])) {
    const run: ShellRun = { stdout: '', files: new Map(), exitCode: 0, sleepMs: 0 };
    runWords(['echo', ...argv.slice(1)], run);
    return run;
  }
  return runPython(argv.join(' '));
}

/** stdout as log lines (the last newline ends the last line; no empty line after it). */
export function stdoutLines(stdout: string): string[] {
  if (stdout === '') return [];
  return stdout.replace(/\n$/, '').split('\n');
}
