import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineSplitter, ProgramNotFoundError, WorkingFolderMissingError, runProgram } from '../../../src/publish/childProcess';
import { ContainerCli } from '../../../src/publish/containerCli';
import { isPublishError } from '../../../src/publish/errors';
import { isRunning, processesInGroup } from './support/processes';

describe('publish/childProcess', () => {
  it('splits lines on \\n, \\r\\n and progress redraws (\\r)', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.push('a\r\nb');
    splitter.push('c\rd\n');
    splitter.push('e');
    splitter.end();
    assert.deepEqual(lines, ['a', 'bc', 'd', 'e']);
  });

  it('passes arguments as they are, without a shell', async () => {
    const tricky = ['$(touch /tmp/never)', '; echo hi', '--not-an-option', "'quoted'", '`id`'];
    const result = await runProgram(process.execPath, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...tricky]);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout), tricky);
  });

  it('writes stdin and closes it', async () => {
    const result = await runProgram(process.execPath, ['-e', 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s.length))'], { stdin: 'secret' });
    assert.equal(result.stdout.trim(), '6');
  });

  it('rejects with ProgramNotFoundError for a missing program', async () => {
    await assert.rejects(runProgram('ecs-workbench-no-such-program', []), ProgramNotFoundError);
  });

  it('tells a missing working folder from a missing program (both are ENOENT to spawn)', async () => {
    const missing = path.join(os.tmpdir(), `ecs-workbench-no-such-folder-${process.pid}`);
    await assert.rejects(runProgram(process.execPath, ['-e', '1'], { cwd: missing }), (e: unknown) => e instanceof WorkingFolderMissingError && !(e instanceof ProgramNotFoundError) && e.folder === missing);
    // Through the container CLI: a missing build context is reported as such, not as "not installed".
    const cli = new ContainerCli('podman', { command: process.execPath });
    await assert.rejects(
      cli.build({ context: missing, dockerfile: path.join(missing, 'Dockerfile'), tags: ['h/app:1'], platform: 'linux/amd64' }),
      (e: unknown) => isPublishError(e, 'context-missing') && e.message.includes(missing) && !/not installed/.test(e.message),
    );
  });

  it('kills the whole process tree on cancel', async function () {
    if (process.platform !== 'linux') this.skip();
    const controller = new AbortController();
    const lines: string[] = [];
    // A shell that starts a grandchild which ignores SIGTERM, like a CLI helper that would linger.
    const run = runProgram('sh', ['-c', 'sh -c \'trap "" TERM; echo grandchild $$; sleep 60\' & echo started; wait'], {
      signal: controller.signal,
      killGraceMs: 300,
      onStdoutLine: (l) => {
        lines.push(l);
        if (lines.length === 2) controller.abort();
      },
    });
    const result = await run;
    const pid = result.pid;
    assert.equal(result.cancelled, true);
    assert.ok(pid);
    const grandchild = Number(lines.find((l) => l.startsWith('grandchild'))?.split(' ')[1]);
    assert.ok(grandchild > 0, `lines: ${lines.join('|')}`);
    // The group ends once the kernel has reaped it; on a loaded machine that can take seconds.
    const deadline = Date.now() + 30_000;
    while (processesInGroup(pid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(processesInGroup(pid), []);
    assert.equal(isRunning(grandchild), false);
  });

  it('times out', async () => {
    const result = await runProgram('sleep', ['10'], { timeoutMs: 100, killGraceMs: 100 });
    assert.equal(result.timedOut, true);
    assert.notEqual(result.code, 0);
  });
});
