// The small shell model behind the simulated kubelets: what a command prints, writes and exits with.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpretContainer, runShell, shellWords, stdoutLines } from './controller/shell.js';

describe('shell model', () => {
  it('splits words with quotes and redirections', () => {
    assert.deepEqual(shellWords(`echo -n "a b" 'c;d' e>f`), ['echo', '-n', 'a b', 'c;d', 'e', '>', 'f']);
    assert.deepEqual(shellWords('echo x >> /tmp/y'), ['echo', 'x', '>>', '/tmp/y']);
  });

  it('echo to stdout and to files (-n, >, >>), cat, sleep, exit', () => {
    const r = runShell(
      'echo -n hello world > /tmp/hello_world.txt; echo one; echo two >> /tmp/log; echo three >> /tmp/log; cat /tmp/log; sleep 1.5 && exit 3; echo never',
    );
    assert.equal(r.files.get('/tmp/hello_world.txt'), 'hello world');
    assert.equal(r.stdout, 'one\ntwo\nthree\n');
    assert.deepEqual(stdoutLines(r.stdout), ['one', 'two', 'three']);
    assert.equal(r.exitCode, 3);
    assert.equal(r.sleepMs, 1500);
  });

  it('containers: sh -c, a bare echo, a shell script source, python print/sys.exit', () => {
    assert.equal(interpretContainer(['sh', '-c'], ['echo "a; b"; exit 2']).stdout, 'a; b\n');
    assert.equal(interpretContainer(['sh', '-c'], ['echo "a; b"; exit 2']).exitCode, 2);
    assert.equal(interpretContainer(['echo'], ['hello', 'there']).stdout, 'hello there\n');
    assert.equal(interpretContainer(['bash'], [], 'echo from script\nexit 1').exitCode, 1);
    const py = interpretContainer(['python'], [], "import sys\nprint('hi')\nsys.exit(4)");
    assert.deepEqual([py.stdout, py.exitCode], ['hi\n', 4]);
  });
});
