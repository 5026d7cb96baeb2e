// ECS operations on service deployments and revisions: list, describe, continue a paused one, stop one.
import type { Handler } from './context';
import { platform, serviceDeploymentView } from './ecsViews';
import { describeMany, findCluster, findService, requireList } from './lookup';
import { continueServiceDeployment, stopServiceDeployment } from './serviceDeployments';
import { paginate, seconds } from './state';
import { invalidParameter } from './errors';

export const serviceDeploymentHandlers: Record<string, Handler> = {
  ListServiceDeployments(input, ctx) {
    const cluster = findCluster(ctx.state, input.cluster);
    if (typeof input.service !== 'string') throw invalidParameter('Service should not be null or empty.');
    const svc = findService(ctx.state, cluster, input.service, false);
    const statuses: string[] | undefined = input.status;
    const after = input.createdAt?.after !== undefined ? Number(input.createdAt.after) * 1000 : undefined;
    const before = input.createdAt?.before !== undefined ? Number(input.createdAt.before) * 1000 : undefined;
    const items = [...svc.serviceDeployments]
      .reverse()
      .filter((sd) => !statuses || statuses.length === 0 || statuses.includes(sd.status))
      .filter((sd) => (after === undefined || sd.createdAt >= after) && (before === undefined || sd.createdAt <= before));
    const page = paginate(items, input.maxResults, input.nextToken, 20, 100);
    return {
      serviceDeployments: page.items.map((sd) => ({
        serviceDeploymentArn: sd.arn,
        serviceArn: sd.serviceArn,
        clusterArn: sd.clusterArn,
        startedAt: seconds(sd.startedAt),
        createdAt: seconds(sd.createdAt),
        finishedAt: seconds(sd.finishedAt ?? sd.stoppedAt),
        targetServiceRevisionArn: sd.targetRevisionArn,
        status: sd.status,
        statusReason: sd.statusReason,
      })),
      nextToken: page.nextToken,
    };
  },

  DescribeServiceDeployments(input, ctx) {
    const refs = requireList(input.serviceDeploymentArns, 'serviceDeploymentArns', 20, 'serviceDeploymentArns');
    const { found, failures } = describeMany(refs, (arn) => {
      const svc = ctx.state.services.find((s) => s.serviceDeployments.some((sd) => sd.arn === arn));
      const sd = svc?.serviceDeployments.find((x) => x.arn === arn);
      return svc && sd ? serviceDeploymentView(ctx, svc, sd) : undefined;
    });
    return { serviceDeployments: found, failures };
  },

  ContinueServiceDeployment(input, ctx) {
    return { serviceDeploymentArn: continueServiceDeployment(ctx.state, input, ctx.now) };
  },

  StopServiceDeployment(input, ctx) {
    return { serviceDeploymentArn: stopServiceDeployment(ctx.state, input, ctx.now) };
  },

  DescribeServiceRevisions(input, ctx) {
    const refs = requireList(input.serviceRevisionArns, 'serviceRevisionArns', 20, 'serviceRevisionArns');
    const { found, failures } = describeMany(refs, (arn) => {
      const svc = ctx.state.services.find((s) => s.revisions.some((r) => r.arn === arn));
      const rev = svc?.revisions.find((r) => r.arn === arn);
      if (!svc || !rev) return undefined;
      const td = ctx.core.taskDef(ctx.state, rev.taskDefinition);
      return {
        serviceRevisionArn: rev.arn,
        serviceArn: rev.serviceArn,
        clusterArn: rev.clusterArn,
        taskDefinition: rev.taskDefinition,
        launchType: rev.launchType,
        ...platform(rev.launchType),
        loadBalancers: svc.loadBalancers,
        serviceRegistries: [],
        networkConfiguration: svc.networkConfiguration,
        containerImages: ((td?.body.containerDefinitions ?? []) as any[]).map((c) => ({ containerName: c.name, imageDigest: ctx.core.digestFor(ctx.state.region, c.image), image: c.image })),
        guardDutyEnabled: false,
        createdAt: seconds(rev.createdAt),
      };
    });
    return { serviceRevisions: found, failures };
  },
};
