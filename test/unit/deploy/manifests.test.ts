import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { loadManifest } from '../../../schema/load-manifest';

const DEPLOY = join(__dirname, '..', '..', '..', 'deploy');

/** The kinds deploy/kubernetes uses, each validated against its bundled Kubernetes JSON schema. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
}

function resources(): Resource[] {
  const dir = join(DEPLOY, 'kubernetes');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
        expect(doc.errors).toEqual([]);
        return doc.toJS() as Resource;
      }),
    );
}

const find = (kind: string, name: string) =>
  resources().find((r) => r.kind === kind && r.metadata.name === name)!;

it('validates every Kubernetes manifest against the Kubernetes schemas', () => {
  const all = resources();
  expect(all.length).toBeGreaterThan(20);
  for (const resource of all) {
    const Model = MODELS[`${resource.apiVersion}/${resource.kind}`];
    expect(Model).toBeDefined();
    expect(() => new Model!(resource as never).validate()).not.toThrow();
  }
});

it('rejects a manifest the schemas do not allow (the validator is really on)', () => {
  const broken = structuredClone(find('Deployment', 'gateway'));
  broken.spec.template.spec.containers[0].readinessProbe.httpGet.port = { name: 'http' };
  expect(() => new Deployment(broken as never).validate()).toThrow(/readinessProbe/);
});

it('gives the gateway probes, a preStop matching the drain and a grace period past drain and deadline', () => {
  const config = find('ConfigMap', 'govgraph-gateway').data!;
  const drainS = Number(config.SHUTDOWN_DRAIN_MS) / 1000;
  const deadlineS = Number(config.SHUTDOWN_DEADLINE_MS) / 1000;
  const pod = find('Deployment', 'gateway').spec.template.spec;
  const [gateway] = pod.containers;
  expect(gateway.readinessProbe.httpGet.path).toBe('/readyz');
  expect(gateway.livenessProbe.httpGet.path).toBe('/livez');
  expect(gateway.lifecycle.preStop.exec.command).toEqual(['sleep', String(drainS)]);
  expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(drainS + drainS + deadlineS);
  expect(find('PodDisruptionBudget', 'gateway').spec.minAvailable).toBeGreaterThanOrEqual(1);
  expect(find('HorizontalPodAutoscaler', 'gateway').spec.scaleTargetRef.name).toBe('gateway');
});

it('lets only the gateway reach every department port, and runs every department of the manifest', () => {
  const ports = loadManifest().map((e) => Number(new URL(e.url).port));
  const policy = find('NetworkPolicy', 'departments-from-gateway-only').spec;
  expect(policy.policyTypes).toEqual(['Ingress']);
  expect(policy.ingress).toHaveLength(1);
  expect(policy.ingress[0].from).toEqual([
    { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } },
  ]);
  expect(policy.ingress[0].ports.map((p: { port: number }) => p.port)).toEqual(ports);
  for (const entry of loadManifest()) {
    const labels = find('Deployment', entry.name).spec.template.metadata.labels;
    expect(labels['app.kubernetes.io/component']).toBe('department');
  }
});

it('gives compose and systemd the same drain, deadline and a stop timeout past both', () => {
  const compose = parse(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8')) as {
    services: Record<string, { environment?: Record<string, string>; stop_grace_period?: string }>;
  };
  const gateway = compose.services.gateway!;
  expect(gateway.environment).toMatchObject({
    SHUTDOWN_DRAIN_MS: '5000',
    SHUTDOWN_DEADLINE_MS: '10000',
  });
  expect(parseInt(gateway.stop_grace_period!, 10)).toBeGreaterThan(15);
  for (const entry of loadManifest()) expect(compose.services[entry.name]).toBeDefined();
  const unit = readFileSync(join(DEPLOY, 'systemd', 'govgraph-gateway.service'), 'utf8');
  expect(unit).toMatch(/SHUTDOWN_DRAIN_MS=5000 SHUTDOWN_DEADLINE_MS=10000/);
  expect(Number(/TimeoutStopSec=(\d+)/.exec(unit)![1])).toBeGreaterThan(15);
});
