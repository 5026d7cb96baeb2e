// Wire protocol, SigV4, limits, paging and fault injection, through the real SDK.
import * as assert from 'node:assert/strict';
import * as ecs from '@aws-sdk/client-ecs';
import * as ecr from '@aws-sdk/client-ecr';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { NET, rejectsWith, useTestEmulator } from './harness';

describe('emulator: protocol, signatures, limits and faults', function () {
  const t = useTestEmulator({}, { resetEachTest: true });

  async function signedFetch(target: string, body: string, tamper?: (b: string) => string, secret = 'test'): Promise<{ status: number; json: any }> {
    const url = new URL(t.running.url);
    const signer = new SignatureV4({ credentials: { accessKeyId: 'test', secretAccessKey: secret }, region: 'us-east-1', service: 'ecs', sha256: Sha256 });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    });
    const { host: _host, ...headers } = signed.headers;
    void _host;
    const res = await fetch(t.running.url, { method: 'POST', headers, body: tamper ? tamper(body) : body });
    return { status: res.status, json: await res.json() };
  }

  describe('SigV4', () => {
    it('accepts a request signed with @smithy/signature-v4 outside the SDK, including x-amz-content-sha256', async () => {
      const res = await signedFetch('AmazonEC2ContainerServiceV20141113.ListClusters', '{}');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { clusterArns: [] });
    });

    it('rejects a body changed after signing with InvalidSignatureException', async () => {
      await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'a' }));
      const res = await signedFetch('AmazonEC2ContainerServiceV20141113.DescribeClusters', '{"clusters":["a"]}', (b) => b.replace('"a"', '"b"'));
      assert.equal(res.status, 400);
      assert.equal(res.json.__type, 'InvalidSignatureException');
    });

    it('answers a wrong secret with InvalidSignatureException and a wrong key with UnrecognizedClientException', async () => {
      const wrongSecret = t.client({ secretAccessKey: 'nope' });
      const e1 = await rejectsWith(wrongSecret.ecs.send(new ecs.ListClustersCommand({})), 'InvalidSignatureException', /signature we calculated does not match/);
      assert.equal(e1.$metadata?.httpStatusCode, 400);
      await rejectsWith(wrongSecret.ecr.send(new ecr.DescribeRepositoriesCommand({})), 'InvalidSignatureException');
      const wrongKey = t.client({ accessKeyId: 'AKIAWRONG' });
      await rejectsWith(wrongKey.ecs.send(new ecs.ListClustersCommand({})), 'UnrecognizedClientException', /security token included in the request is invalid/);
    });

    it('rejects signatures more than 15 minutes off, and the SDK corrects its clock from the Date header', async () => {
      const config = { endpoint: t.running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, systemClockOffset: -3600_000 };
      const once = new ecs.ECSClient({ ...config, maxAttempts: 1 });
      const retrying = new ecs.ECSClient({ ...config, maxAttempts: 3 });
      try {
        await rejectsWith(once.send(new ecs.ListClustersCommand({})), 'InvalidSignatureException', /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
        const ok = await retrying.send(new ecs.ListClustersCommand({}));
        assert.equal(ok.$metadata.attempts, 2);
      } finally {
        once.destroy();
        retrying.destroy();
      }
    });

    it('rejects unsigned requests and unknown targets', async () => {
      const res = await fetch(t.running.url, { method: 'POST', headers: { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
      const unknown = await signedFetch('AmazonEC2ContainerServiceV20141113.ListAccountSettings', '{}');
      assert.equal(unknown.json.__type, 'UnknownOperationException');
      const inherited = await signedFetch('AmazonEC2ContainerServiceV20141113.toString', '{}');
      assert.equal(inherited.json.__type, 'UnknownOperationException');
    });

    it('accepts session tokens and keeps regions apart', async () => {
      await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'east' }));
      const other = t.client({ region: 'eu-west-1', sessionToken: 'session' });
      assert.deepEqual((await other.ecs.send(new ecs.ListClustersCommand({}))).clusterArns, []);
      await other.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'west' }));
      assert.deepEqual((await other.ecs.send(new ecs.ListClustersCommand({}))).clusterArns, ['arn:aws:ecs:eu-west-1:123456789012:cluster/west']);
    });
  });

  describe('limits and paging', () => {
    async function manyServices(n: number): Promise<void> {
      await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: 'c' }));
      await t.ecs.send(
        new ecs.RegisterTaskDefinitionCommand({ family: 'f', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'nginx' }] }),
      );
      for (let i = 0; i < n; i++) {
        await t.ecs.send(new ecs.CreateServiceCommand({ cluster: 'c', serviceName: `s${String(i).padStart(2, '0')}`, taskDefinition: 'f', desiredCount: 0, launchType: 'FARGATE', networkConfiguration: NET }));
      }
    }

    it('pages ListServices 10 at a time by default and follows nextToken to the end', async () => {
      await manyServices(25);
      const first = await t.ecs.send(new ecs.ListServicesCommand({ cluster: 'c' }));
      assert.equal(first.serviceArns!.length, 10);
      assert.ok(first.nextToken);
      const all: string[] = [];
      for await (const page of ecs.paginateListServices({ client: t.ecs }, { cluster: 'c' })) all.push(...page.serviceArns!);
      assert.equal(all.length, 25);
      assert.equal(new Set(all).size, 25);
      const big = await t.ecs.send(new ecs.ListServicesCommand({ cluster: 'c', maxResults: 100 }));
      assert.equal(big.serviceArns!.length, 25);
      assert.equal(big.nextToken, undefined);
      await rejectsWith(t.ecs.send(new ecs.ListServicesCommand({ cluster: 'c', maxResults: 101 })), 'InvalidParameterException');
      await rejectsWith(t.ecs.send(new ecs.ListServicesCommand({ cluster: 'c', nextToken: 'garbage!' })), 'InvalidParameterException', /nextToken/);
    });

    it('limits DescribeServices to 10, DescribeTasks and DescribeClusters to 100', async () => {
      await manyServices(11);
      const names = Array.from({ length: 11 }, (_, i) => `s${String(i).padStart(2, '0')}`);
      await rejectsWith(t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: names })), 'InvalidParameterException', /^service names can have at most 10 items\.$/);
      const ten = await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: names.slice(0, 10) }));
      assert.equal(ten.services!.length, 10);
      await rejectsWith(t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: [] })), 'InvalidParameterException');
      const ids = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(32, '0'));
      await rejectsWith(t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: ids })), 'InvalidParameterException', /at most 100/);
      const missing = await t.ecs.send(new ecs.DescribeTasksCommand({ cluster: 'c', tasks: ids.slice(0, 100) }));
      assert.equal(missing.failures!.length, 100);
      assert.deepEqual(missing.failures![0], { arn: `arn:aws:ecs:us-east-1:123456789012:task/c/${ids[0]}`, reason: 'MISSING' });
      await rejectsWith(t.ecs.send(new ecs.DescribeClustersCommand({ clusters: ids.map((i) => `c${i}`) })), 'InvalidParameterException', /at most 100/);
      const described = await t.ecs.send(new ecs.DescribeServicesCommand({ cluster: 'c', services: ['s00', 'nope'] }));
      assert.deepEqual(described.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/c/nope', reason: 'MISSING' }]);
    });

    it('pages ListClusters, ListTaskDefinitions and ECR DescribeImages/ListImages', async () => {
      for (let i = 0; i < 5; i++) await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: `k${i}` }));
      const clusters: string[] = [];
      for await (const page of ecs.paginateListClusters({ client: t.ecs, pageSize: 2 }, {})) {
        assert.ok(page.clusterArns!.length <= 2);
        clusters.push(...page.clusterArns!);
      }
      assert.equal(clusters.length, 5);
      for (let i = 0; i < 7; i++) {
        await t.ecs.send(new ecs.RegisterTaskDefinitionCommand({ family: 'f', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 64 }] }));
      }
      const tds: string[] = [];
      for await (const page of ecs.paginateListTaskDefinitions({ client: t.ecs, pageSize: 3 }, {})) tds.push(...page.taskDefinitionArns!);
      assert.equal(tds.length, 7);
      await t.ecr.send(new ecr.CreateRepositoryCommand({ repositoryName: 'rr' }));
      for (let i = 0; i < 5; i++) await t.control.addImage('rr', [`v${i}`]);
      const images: string[] = [];
      for await (const page of ecr.paginateDescribeImages({ client: t.ecr, pageSize: 2 }, { repositoryName: 'rr' })) {
        assert.ok(page.imageDetails!.length <= 2);
        images.push(...page.imageDetails!.map((d) => d.imageTags![0]));
      }
      assert.deepEqual(images, ['v0', 'v1', 'v2', 'v3', 'v4']);
      const ids = await t.ecr.send(new ecr.ListImagesCommand({ repositoryName: 'rr', maxResults: 4 }));
      assert.equal(ids.imageIds!.length, 4);
      assert.ok(ids.nextToken);
      await rejectsWith(t.ecr.send(new ecr.DescribeImagesCommand({ repositoryName: 'rr', maxResults: 1001 })), 'InvalidParameterException');
    });
  });

  describe('faults', () => {
    it('throttles the named operation only, counted, and the SDK retries it', async () => {
      await t.control.injectFault({ operation: 'ListClusters', kind: 'throttle', count: 1 });
      const err = await rejectsWith(t.ecs.send(new ecs.ListClustersCommand({})), 'ThrottlingException', /Rate exceeded/);
      assert.equal(err.$metadata?.httpStatusCode, 400);
      assert.deepEqual((await t.ecs.send(new ecs.ListClustersCommand({}))).clusterArns, []);
      await t.control.injectFault({ operation: 'ListClusters', kind: 'throttle', count: 1 });
      const retrying = new ecs.ECSClient({ endpoint: t.running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 3 });
      try {
        const ok = await retrying.send(new ecs.ListClustersCommand({}));
        assert.equal(ok.$metadata.attempts, 2);
      } finally {
        retrying.destroy();
      }
      await t.control.injectFault({ operation: 'DescribeClusters', kind: 'throttle' });
      assert.deepEqual((await t.ecs.send(new ecs.ListClustersCommand({}))).clusterArns, []);
      assert.equal((await t.control.callCounts()).ListClusters, 5, 'throttled, ok, throttled + retried, ok');
    });

    it('injects 5xx, expired tokens, access denied and dropped connections', async () => {
      await t.control.injectFault({ kind: '5xx', count: 1 });
      const e5 = await rejectsWith(t.ecs.send(new ecs.ListClustersCommand({})), 'ServerException');
      assert.equal(e5.$metadata?.httpStatusCode, 500);
      await t.control.injectFault({ kind: 'expiredToken', count: 1 });
      await rejectsWith(t.ecr.send(new ecr.DescribeRepositoriesCommand({})), 'ExpiredTokenException', /expired/);
      await t.control.injectFault({ kind: 'accessDenied', operation: 'ListServices', count: 1 });
      const denied = await rejectsWith(t.ecs.send(new ecs.ListServicesCommand({})), 'AccessDeniedException', /not authorized to perform: ecs:ListServices/);
      assert.ok(denied instanceof ecs.AccessDeniedException);
      await t.control.injectFault({ kind: 'drop', count: 1 });
      await assert.rejects(t.ecs.send(new ecs.ListClustersCommand({})));
      assert.deepEqual((await t.ecs.send(new ecs.ListClustersCommand({}))).clusterArns, []);
    });

    it('adds latency per fault and globally, and clears faults', async () => {
      await t.control.injectFault({ kind: 'latency', latencyMs: 250, count: 1 });
      let started = Date.now();
      await t.ecs.send(new ecs.ListClustersCommand({}));
      assert.ok(Date.now() - started >= 240);
      await t.control.setLatency(150);
      started = Date.now();
      await t.ecs.send(new ecs.ListClustersCommand({}));
      assert.ok(Date.now() - started >= 140);
      await t.control.setLatency(0);
      await t.control.injectFault({ kind: 'throttle' });
      await t.control.clearFaults();
      await t.ecs.send(new ecs.ListClustersCommand({}));
    });

    it('reports partial failures in failures[] with reason MISSING', async () => {
      for (const name of ['a', 'b', 'c']) await t.ecs.send(new ecs.CreateClusterCommand({ clusterName: name }));
      await t.control.injectFault({ kind: 'partialFailure', operation: 'DescribeClusters', count: 1 });
      const res = await t.ecs.send(new ecs.DescribeClustersCommand({ clusters: ['a', 'b', 'c'] }));
      assert.deepEqual(res.clusters!.map((c) => c.clusterName), ['a', 'b']);
      assert.deepEqual(res.failures, [{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/c', reason: 'MISSING' }]);
      const again = await t.ecs.send(new ecs.DescribeClustersCommand({ clusters: ['a', 'b', 'c'] }));
      assert.equal(again.clusters!.length, 3);
    });
  });
});
