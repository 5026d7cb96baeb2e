// The AWS SDK stays on versions that run in the extension host of our engine floor: VS Code 1.100
// (and code-server 4.100.3, the test host) runs Node 20, and SDK versions published after the first
// week of January 2027 require Node 22. package.json pins @aws-sdk/* and @smithy/* to exact versions
// and package-lock.json must not bring in any SDK package that needs a newer Node (README, Developing).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../scripts/lib/awsModels';

/** The Node major of the extension host of `engines.vscode` (VS Code 1.100: Electron 34, Node 20). */
const HOST_NODE_MAJOR = 20;
const ENGINE_FLOOR = '^1.100.0';
const SDK = /^@(aws-sdk|smithy|aws-crypto)\//;

interface LockPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string };
}

const root = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };

/** Whether an `engines.node` range lets Node `major` run the package. Only forms seen in the lock are read; any other fails, to be looked at by hand. */
function allowsNodeMajor(range: string | undefined, major: number): boolean {
  if (range === undefined || range.trim() === '*') return true;
  const atLeast = /^>=\s*(\d+)(\.\d+){0,2}$/.exec(range.trim());
  if (!atLeast) throw new Error(`engines.node "${range}" is a form this test does not read: check it against Node ${major} by hand and extend allowsNodeMajor`);
  return Number(atLeast[1]) <= major;
}

describe('infra: AWS SDK pinned to versions that run on the engine floor', () => {
  it(`keeps the engine floor at VS Code ${ENGINE_FLOOR} (raise HOST_NODE_MAJOR with it: VS Code 1.101 runs Node 22)`, () => {
    assert.equal(pkg.engines.vscode, ENGINE_FLOOR);
  });

  it('pins every @aws-sdk/* and @smithy/* dependency to the exact version package-lock.json installs', () => {
    const declared = { ...pkg.dependencies, ...pkg.devDependencies };
    const sdk = Object.entries(declared).filter(([name]) => /^@(aws-sdk|smithy)\//.test(name));
    assert.ok(sdk.length >= 5, 'the SDK clients are dependencies');
    for (const [name, spec] of sdk) {
      assert.match(spec, /^\d+\.\d+\.\d+$/, `${name} is "${spec}", not an exact version`);
      assert.equal(lock.packages[`node_modules/${name}`]?.version, spec, `${name}: package-lock.json installs another version than package.json pins`);
    }
  });

  it(`installs no SDK package that needs a newer Node than ${HOST_NODE_MAJOR}`, () => {
    const sdkPackages = Object.entries(lock.packages).filter(([where]) => SDK.test(where.replace(/^.*node_modules\//, '')));
    assert.ok(sdkPackages.length > 10, 'package-lock.json lists the SDK packages');
    const tooNew = sdkPackages.filter(([, p]) => !allowsNodeMajor(p.engines?.node, HOST_NODE_MAJOR)).map(([where, p]) => `${where}@${p.version} (node ${p.engines?.node})`);
    assert.deepEqual(tooNew, []);
  });

  it('reads the engines ranges it meets', () => {
    assert.equal(allowsNodeMajor('>=20.0.0', 20), true);
    assert.equal(allowsNodeMajor('>= 18', 20), true);
    assert.equal(allowsNodeMajor('>=22.0.0', 20), false);
    assert.equal(allowsNodeMajor(undefined, 20), true);
    assert.throws(() => allowsNodeMajor('^20.19.0 || >=22', 20), /by hand/);
  });
});
