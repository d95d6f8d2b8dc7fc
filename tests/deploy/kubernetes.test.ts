/**
 * deploy/kubernetes/: every manifest valid against the Kubernetes API's schemas with no unknown
 * field (kubeconform -strict, without a cluster), and the project's rules: probes, limits,
 * non-root and read-only containers, a drain that fits the grace period, only the gateway reaching
 * a subgraph, migrations as Jobs, the settings named as the code reads them, every subgraph
 * folder deployed, and the portal behind the ingress, reaching nothing, pointing browsers at the
 * gateway's public address, which lets the portal's origin in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  deployDir,
  gateway,
  imageReference,
  isPinnedTag,
  portal,
  type Service,
  services,
  subgraphs,
  unreadSettings,
} from './facts.ts';
import { type Manifest, schemaProblems, unknownFieldChecker } from './kubernetesSchema.ts';

const kubernetesDir = join(deployDir, 'kubernetes');

interface Document extends Manifest {
  /** Where it is, for messages: `subgraphs/platforms.yaml#2`. */
  source: string;
}

// Just enough of the API's types for the rules below; the schemas check the rest.
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  volumes?: { name: string; emptyDir?: object; configMap?: { name: string } }[];
}
interface Workload extends Document {
  spec: { template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } };
}
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: object;
}
interface NetworkPolicyRule {
  from?: NetworkPolicyPeer[];
  to?: NetworkPolicyPeer[];
  ports?: { port?: number | string; protocol?: string }[];
}
interface IngressPath {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { name?: string; number?: number } } };
}
interface Ingress extends Document {
  spec: { tls?: { hosts?: string[] }[]; rules: { host?: string; http?: { paths: IngressPath[] } }[] };
}
interface NetworkPolicy extends Document {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: NetworkPolicyRule[];
    egress?: NetworkPolicyRule[];
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => relative(kubernetesDir, join(entry.parentPath, entry.name)))
    .sort();
}

function loadDocuments(file: string): Document[] {
  return parseAllDocuments(readFileSync(join(kubernetesDir, file), 'utf8'))
    .map((document, i) => {
      if (document.errors.length > 0) throw new Error(`${file}#${i}: ${document.errors[0]?.message}`);
      return document.toJS() as Manifest | null;
    })
    .flatMap((document, i) => (document ? [{ ...document, source: `${file}#${i}` }] : []));
}

/** Whether a selector picks pods with these labels (matchLabels and In/NotIn/Exists expressions). */
function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every((expression) => {
    const value = labels[expression.key];
    if (expression.operator === 'In') return value !== undefined && (expression.values ?? []).includes(value);
    if (expression.operator === 'NotIn') return value === undefined || !(expression.values ?? []).includes(value);
    if (expression.operator === 'Exists') return value !== undefined;
    return value === undefined;
  });
  return byLabels && byExpressions;
}

let files: string[];
let kustomizationFiles: string[];
let documents: Document[];

function ofKind<T extends Document>(kind: string): T[] {
  return documents.filter((document) => document.kind === kind) as T[];
}
function named<T extends Document>(kind: string, name: string): T | undefined {
  return ofKind<T>(kind).find((document) => document.metadata?.name === name);
}
function containerOf(workload: Workload): Container {
  const [container] = workload.spec.template.spec.containers;
  if (!container) throw new Error(`${workload.source}: no container`);
  return container;
}
function envOf(container: Container): Map<string, EnvVar> {
  return new Map((container.env ?? []).map((variable) => [variable.name, variable]));
}
function literal(container: Container, name: string): string | undefined {
  return envOf(container).get(name)?.value;
}

beforeAll(() => {
  const all = yamlFiles(kubernetesDir);
  kustomizationFiles = all.filter((file) => file.endsWith('kustomization.yaml'));
  files = all.filter((file) => !file.endsWith('kustomization.yaml'));
  documents = files.flatMap(loadDocuments);
});

describe('Kubernetes manifests against the API schemas', () => {
  it('every document is a kind of the Kubernetes API and valid against its schema', async () => {
    expect(documents.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const document of documents) {
      const { source, ...manifest } = document;
      for (const problem of await schemaProblems(manifest)) problems.push(`${source} (${document.kind}): ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('no document has a field the API does not know (strict)', () => {
    const check = unknownFieldChecker(
      documents.map((document) => ({ apiVersion: String(document.apiVersion), kind: String(document.kind) })),
    );
    const problems = documents.flatMap(({ source, ...manifest }) =>
      check(manifest).map((problem) => `${source} (${manifest.kind} ${manifest.metadata?.name}): ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('the strict check finds a misspelt field, and the schemas a wrong type', async () => {
    const deployment = structuredClone(named<Workload>('Deployment', 'gateway')) as Workload;
    const { source: _, ...manifest } = deployment;
    const container = containerOf(manifest as Workload);
    (container.livenessProbe as Record<string, unknown>).httpGett = { path: '/health' };
    const check = unknownFieldChecker([{ apiVersion: 'apps/v1', kind: 'Deployment' }]);
    expect(check(manifest)).toEqual([
      'spec.template.spec.containers[0].livenessProbe.httpGett: no such field in IProbe',
    ]);
    (container.ports as { containerPort: unknown }[])[0] = { containerPort: 'four thousand' };
    expect((await schemaProblems(manifest)).join()).toMatch(/containerPort must be integer/);
  });
});

describe('kustomize', () => {
  it('the kustomizations list every manifest but the Secret template, and each file they name exists', () => {
    const listed = new Set<string>();
    for (const file of kustomizationFiles) {
      const kustomization = parse(readFileSync(join(kubernetesDir, file), 'utf8')) as {
        resources?: string[];
        namespace?: string;
      };
      expect(kustomization.namespace, file).toBe('gzequip');
      for (const resource of kustomization.resources ?? []) {
        const path = relative(kubernetesDir, join(kubernetesDir, file, '..', resource));
        expect(existsSync(join(kubernetesDir, path)), `${file} lists ${resource}`).toBe(true);
        listed.add(path);
      }
    }
    expect(files.filter((file) => !listed.has(file))).toEqual(['secrets.template.yaml']);
  });

  it('the supergraph ConfigMap is generated from schema/supergraph.graphql under a fixed name', () => {
    const kustomization = parse(readFileSync(join(kubernetesDir, 'kustomization.yaml'), 'utf8')) as {
      configMapGenerator: { name: string; files: string[] }[];
      generatorOptions?: { disableNameSuffixHash?: boolean };
    };
    const generator = kustomization.configMapGenerator.find((g) => g.name === 'gzequip-supergraph');
    expect(generator?.files).toEqual(['supergraph.graphql=../../schema/supergraph.graphql']);
    expect(existsSync(join(kubernetesDir, '../../schema/supergraph.graphql'))).toBe(true);
    // A hash suffix would rename the ConfigMap on every change: a restart instead of a live rollout.
    expect(kustomization.generatorOptions?.disableNameSuffixHash).toBe(true);
  });

  it("each kustomization sets the tag of every image its manifests use, as the others do, and no tag is 'latest'", () => {
    const tags = new Map<string, string>();
    for (const file of kustomizationFiles) {
      const kustomization = parse(readFileSync(join(kubernetesDir, file), 'utf8')) as {
        resources?: string[];
        images?: { name: string; newTag?: string }[];
      };
      const resources = new Set(
        (kustomization.resources ?? []).map((resource) =>
          relative(kubernetesDir, join(kubernetesDir, file, '..', resource)),
        ),
      );
      const set = new Map((kustomization.images ?? []).map((image) => [image.name, image.newTag]));
      const used = documents
        .filter((document) => resources.has(document.source.replace(/#\d+$/, '')))
        .filter((document): document is Workload => Boolean((document as Workload).spec?.template?.spec))
        .flatMap((workload) => workload.spec.template.spec.containers.map((c) => imageReference(c.image ?? '').name));
      expect(used.length, file).toBeGreaterThan(0);
      for (const image of new Set(used)) {
        const tag = set.get(image);
        expect(isPinnedTag(tag), `${file}: ${image} tag ${tag}`).toBe(true);
        if (tags.has(image)) expect(tag, `${file}: ${image} as in the other kustomization`).toBe(tags.get(image));
        tags.set(image, tag as string);
      }
    }
  });
});

describe('every container: probes, limits, non-root, read-only', () => {
  let workloads: Workload[];
  beforeAll(() => {
    workloads = [...ofKind<Workload>('Deployment'), ...ofKind<Workload>('Job')];
  });

  it('runs as non-root under the RuntimeDefault seccomp profile, privileges dropped, root file system read-only, /tmp an emptyDir', () => {
    const problems: string[] = [];
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      const where = `${workload.kind} ${workload.metadata?.name}`;
      if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot`);
      if (!((pod.securityContext?.runAsUser ?? 0) > 0)) problems.push(`${where}: runAsUser (the image's numeric user)`);
      if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${where}: seccomp`);
      for (const container of pod.containers) {
        const security = container.securityContext;
        if (security?.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation`);
        if (security?.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem`);
        if (!security?.capabilities?.drop?.includes('ALL')) problems.push(`${where}: capabilities.drop ALL`);
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        if (!pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir)
          problems.push(`${where}: /tmp emptyDir`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('asks for and is limited in CPU and memory, and its image is ours, tagged, not latest', () => {
    const problems: string[] = [];
    for (const workload of workloads) {
      for (const container of workload.spec.template.spec.containers) {
        const where = `${workload.kind} ${workload.metadata?.name}`;
        for (const kind of ['requests', 'limits'] as const) {
          for (const resource of ['cpu', 'memory']) {
            if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: ${kind}.${resource}`);
          }
        }
        const image = imageReference(container.image ?? '');
        if (!/^gzequip\/[a-z0-9]+$/.test(image.name)) problems.push(`${where}: image ${container.image}`);
        if (!isPinnedTag(image.tag)) problems.push(`${where}: image tag ${image.tag}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a Deployment is ready at GET /ready and alive at GET /health on its port, and has time to drain and finish', () => {
    const problems: string[] = [];
    for (const workload of ofKind<Workload>('Deployment')) {
      const where = `Deployment ${workload.metadata?.name}`;
      for (const container of workload.spec.template.spec.containers) {
        const ports = new Set<string | number>(
          (container.ports ?? []).flatMap((port) => [port.containerPort, ...(port.name ? [port.name] : [])]),
        );
        for (const [probe, path] of [
          ['readinessProbe', '/ready'],
          ['livenessProbe', '/health'],
        ] as const) {
          const get = container[probe]?.httpGet;
          if (get?.path !== path || get.port === undefined || !ports.has(get.port)) {
            problems.push(`${where}: ${probe} GET ${path} on the container's port`);
          }
        }
        const drain = Number(literal(container, 'SHUTDOWN_DRAIN_MS') ?? 0);
        const grace = Number(literal(container, 'SHUTDOWN_GRACE_MS') ?? 10_000);
        if (drain < 5_000) problems.push(`${where}: SHUTDOWN_DRAIN_MS ${drain}, shorter than the keep-alive timeout`);
        const period = workload.spec.template.spec.terminationGracePeriodSeconds ?? 30;
        if (period * 1000 <= drain + grace) {
          problems.push(`${where}: terminationGracePeriodSeconds ${period} s is not above ${drain + grace} ms`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('every subgraph folder is deployed', () => {
  let all: Service[];
  beforeAll(() => {
    all = subgraphs();
  });

  it('every service with an image (the gateway, the portal, each subgraph) has a Deployment of it', () => {
    const images = ofKind<Workload>('Deployment').map(
      (workload) => imageReference(containerOf(workload).image ?? '').name,
    );
    expect(services().filter(({ name }) => !images.includes(`gzequip/${name}`))).toEqual([]);
  });

  it('as a Deployment on its port, with its Service, PodDisruptionBudget and migration Job', () => {
    const problems: string[] = [];
    for (const { name, port } of all) {
      const deployment = named<Workload>('Deployment', name);
      if (!deployment) {
        problems.push(`${name}: no Deployment`);
        continue;
      }
      const container = containerOf(deployment);
      if (imageReference(container.image ?? '').name !== `gzequip/${name}`) problems.push(`${name}: image`);
      if (container.ports?.[0]?.containerPort !== port) problems.push(`${name}: containerPort ${port}`);
      if (literal(container, `${name.toUpperCase()}_PORT`) !== String(port)) problems.push(`${name}: _PORT`);
      if (literal(container, 'HOST') !== '0.0.0.0') problems.push(`${name}: HOST=0.0.0.0`);
      const service = named<Document & { spec: { ports: { port: number }[] } }>('Service', name);
      if (service?.spec.ports[0]?.port !== port) problems.push(`${name}: Service on ${port}`);
      if (!named('PodDisruptionBudget', name)) problems.push(`${name}: PodDisruptionBudget`);
      const job = named<Workload>('Job', `${name}-migrate`);
      const migrate = job && containerOf(job);
      if (migrate?.command?.join(' ') !== 'node --import tsx src/main.ts migrate')
        problems.push(`${name}: migrate Job`);
      if (migrate && imageReference(migrate.image ?? '').name !== `gzequip/${name}`)
        problems.push(`${name}: Job image`);
      if (!envOf(migrate ?? { name: '' }).has(`${name.toUpperCase()}_DATABASE_URL`)) problems.push(`${name}: Job URL`);
    }
    expect(problems).toEqual([]);
  });

  it('never migrates at a replica start, reads its database, replica, signing secret and Redis from the Secret', () => {
    const problems: string[] = [];
    for (const { name } of all) {
      const deployment = named<Workload>('Deployment', name);
      if (!deployment) continue;
      const env = envOf(containerOf(deployment));
      if (env.get('MIGRATE_ON_START')?.value !== 'false') problems.push(`${name}: MIGRATE_ON_START=false`);
      const NAME = name.toUpperCase();
      for (const [variable, optional] of [
        [`${NAME}_DATABASE_URL`, false],
        [`${NAME}_DATABASE_READ_URL`, true],
        ['SUBGRAPH_SIGNING_SECRET', false],
        ['REDIS_URL', false],
      ] as const) {
        const reference = env.get(variable)?.valueFrom?.secretKeyRef;
        if (reference?.key !== variable || Boolean(reference.optional) !== optional) {
          problems.push(`${name}: ${variable} from the Secret${optional ? ' (optional)' : ''}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the gateway finds each subgraph at its Service, and serves the ConfigMap supergraph from a directory mount', () => {
    const deployment = named<Workload>('Deployment', gateway.name);
    expect(deployment).toBeDefined();
    const container = containerOf(deployment as Workload);
    const urls = Object.fromEntries(
      (container.env ?? []).filter((v) => /^[A-Z0-9]+_URL$/.test(v.name)).map((v) => [v.name, v.value]),
    );
    expect(urls).toEqual(
      Object.fromEntries(all.map(({ name, port }) => [`${name.toUpperCase()}_URL`, `http://${name}:${port}/graphql`])),
    );
    expect(literal(container, 'NODE_ENV')).toBe('production');
    expect(literal(container, 'HOST')).toBe('0.0.0.0');
    expect(literal(container, 'PORT')).toBe(String(gateway.port));
    const path = literal(container, 'SUPERGRAPH_PATH') as string;
    const mount = container.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
    // A subPath mount never sees the ConfigMap change: the live rollout needs the directory.
    expect(mount?.subPath).toBeUndefined();
    const volume = deployment?.spec.template.spec.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.configMap?.name).toBe('gzequip-supergraph');
    expect(path.slice((mount?.mountPath.length ?? 0) + 1)).toBe('supergraph.graphql');
  });

  it('the gateway scales from 2 replicas on (autoscaling/v2) and keeps one through disruptions', () => {
    const autoscaler = named<Document & { spec: Record<string, unknown> }>('HorizontalPodAutoscaler', 'gateway');
    expect(autoscaler?.apiVersion).toBe('autoscaling/v2');
    expect(autoscaler?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(autoscaler?.spec.minReplicas).toBeGreaterThanOrEqual(2);
    // A replica count in the Deployment would be reset by every apply, fighting the autoscaler.
    const deployment = named<Workload>('Deployment', 'gateway');
    expect(deployment && 'replicas' in deployment.spec).toBe(false);
    expect(named<Document & { spec: { minAvailable?: number } }>('PodDisruptionBudget', 'gateway')?.spec).toEqual({
      minAvailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } },
    });
  });
});

describe('the portal', () => {
  const container = () => containerOf(named<Workload>('Deployment', 'portal') as Workload);
  const ingress = () => named<Ingress>('Ingress', 'gzequip') as Ingress;
  /** The Ingress's host that sends this path to this Service, or undefined. */
  const hostServing = (service: string, path: string) =>
    ingress().spec.rules.find((rule) =>
      rule.http?.paths.some(
        (p) =>
          p.backend.service.name === service &&
          (p.pathType === 'Prefix' ? path.startsWith(p.path) : p.path === path) &&
          p.backend.service.port.name === 'http',
      ),
    )?.host;

  it('runs as a Deployment on its port, with its Service and PodDisruptionBudget', () => {
    const { port } = portal();
    const deployment = named<Workload & { spec: { replicas?: number } }>('Deployment', 'portal');
    expect(deployment?.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(imageReference(container().image ?? '').name).toBe('gzequip/portal');
    expect(container().ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(literal(container(), 'PORTAL_PORT')).toBe(String(port));
    expect(literal(container(), 'HOST')).toBe('0.0.0.0');
    const service = named<Document & { spec: { ports: { port: number; targetPort: string }[] } }>('Service', 'portal');
    expect(service?.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
    expect(named('PodDisruptionBudget', 'portal')).toBeDefined();
    // It reads no secret.
    expect((container().env ?? []).filter((variable) => variable.valueFrom)).toEqual([]);
  });

  it('is served on a host of the Ingress, under TLS, and points browsers at the gateway on the Ingress', () => {
    const portalHost = hostServing('portal', '/instruments/ins-054');
    expect(portalHost).toBeDefined();
    expect(hostServing('portal', '/assets/index-abc.js')).toBe(portalHost);
    const graphUrl = new URL(literal(container(), 'GRAPH_PUBLIC_URL') as string);
    expect(graphUrl.protocol).toBe('https:');
    expect(hostServing('gateway', graphUrl.pathname)).toBe(graphUrl.host);
    const tlsHosts = (ingress().spec.tls ?? []).flatMap((tls) => tls.hosts ?? []);
    expect(tlsHosts).toEqual(expect.arrayContaining([portalHost, graphUrl.host]));
  });

  it("the gateway lets the portal's origin call it from the browser, and only it", () => {
    const gatewayContainer = containerOf(named<Workload>('Deployment', gateway.name) as Workload);
    const portalHost = hostServing('portal', '/');
    expect(literal(gatewayContainer, 'CORS_ORIGINS')?.split(',')).toEqual([`https://${portalHost}`]);
  });
});

describe('network policies', () => {
  const labelsOf = (name: string): Record<string, string> =>
    named<Workload>('Deployment', name)?.spec.template.metadata?.labels ?? {};
  const policies = (): NetworkPolicy[] => ofKind<NetworkPolicy>('NetworkPolicy');

  it('deny all ingress in the namespace unless a policy allows it', () => {
    const deny = policies().find(
      (policy) =>
        Object.keys(policy.spec.podSelector).length === 0 &&
        policy.spec.policyTypes?.includes('Ingress') &&
        (policy.spec.ingress ?? []).length === 0,
    );
    expect(deny?.metadata?.name).toBe('default-deny-ingress');
  });

  it('let only the gateway reach a subgraph (and the ingress controller the payment callbacks), and anyone the gateway', () => {
    const gatewayLabels = labelsOf('gateway');
    const problems: string[] = [];
    for (const { name, port } of subgraphs()) {
      const labels = labelsOf(name);
      const rules = policies()
        .filter((policy) => selects(policy.spec.podSelector, labels) && policy.spec.policyTypes?.includes('Ingress'))
        .flatMap((policy) => policy.spec.ingress ?? []);
      if (rules.length === 0) problems.push(`${name}: no ingress policy`);
      for (const rule of rules) {
        const peers = rule.from ?? [];
        const fromGateway = peers.every((peer) => peer.podSelector && selects(peer.podSelector, gatewayLabels));
        const fromIngressController =
          name === 'platforms' &&
          peers.every(
            (peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx',
          );
        if (peers.length === 0 || !(fromGateway || fromIngressController)) {
          problems.push(`${name}: ingress from ${JSON.stringify(peers)}`);
        }
        const ports = rule.ports ?? [];
        if (ports.length === 0 || ports.some((p) => p.port !== 'http' && p.port !== port)) {
          problems.push(`${name}: ingress to ports ${JSON.stringify(ports)}, not only its own`);
        }
      }
    }
    expect(problems).toEqual([]);
    const toGateway = policies()
      .filter((policy) => selects(policy.spec.podSelector, gatewayLabels))
      .flatMap((policy) => policy.spec.ingress ?? []);
    expect(toGateway).toEqual([{ ports: [{ port: 'http' }] }]);
  });

  it('let a subgraph that reads the graph (GRAPH_URL) reach the gateway on its port', () => {
    const readers = ofKind<Workload>('Deployment').filter((workload) => envOf(containerOf(workload)).has('GRAPH_URL'));
    expect(readers.map((reader) => reader.metadata?.name).sort()).toEqual(['assessments', 'quality']);
    const gatewayLabels = labelsOf('gateway');
    for (const reader of readers) {
      const labels = reader.spec.template.metadata?.labels ?? {};
      expect(literal(containerOf(reader), 'GRAPH_URL')).toBe(`http://gateway:${gateway.port}/graphql`);
      const egress = policies().filter(
        (policy) => selects(policy.spec.podSelector, labels) && policy.spec.policyTypes?.includes('Egress'),
      );
      if (egress.length === 0) continue; // egress not restricted
      const allowed = egress
        .flatMap((policy) => policy.spec.egress ?? [])
        .some(
          (rule) =>
            (rule.to ?? []).some((peer) => peer.podSelector && selects(peer.podSelector, gatewayLabels)) &&
            (rule.ports ?? []).some((port) => port.port === gateway.port),
        );
      expect(allowed, `${reader.metadata?.name} may reach the gateway`).toBe(true);
    }
  });

  it('let only the ingress controller reach the portal, on its port, and the portal reach nothing', () => {
    const labels = labelsOf('portal');
    const applying = (type: string) =>
      policies().filter(
        (policy) => selects(policy.spec.podSelector, labels) && policy.spec.policyTypes?.includes(type),
      );
    const ingress = applying('Ingress').flatMap((policy) => policy.spec.ingress ?? []);
    expect(ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        ports: [{ port: 'http' }],
      },
    ]);
    // Selected by an egress policy that allows nothing, and by none that allows anything.
    const egress = applying('Egress');
    expect(egress.length).toBeGreaterThan(0);
    expect(egress.flatMap((policy) => policy.spec.egress ?? [])).toEqual([]);
  });
});

describe('settings and secrets', () => {
  it('every setting given to a service is one its code reads', () => {
    const problems: string[] = [];
    for (const workload of [...ofKind<Workload>('Deployment'), ...ofKind<Workload>('Job')]) {
      const container = containerOf(workload);
      const service = imageReference(container.image ?? '').name.replace(/^gzequip\//, '');
      const given = (container.env ?? []).map((variable) => variable.name);
      for (const problem of unreadSettings(service, given)) problems.push(`${workload.metadata?.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
    // The check itself: a misspelt setting and a URL for a subgraph that does not exist are named.
    expect(unreadSettings('instruments', ['MIGRATE_ON_STRAT', 'ENTERPRISES_DATABASE_URL'])).toHaveLength(2);
    expect(unreadSettings('gateway', ['INVENTORY_URL'])).toEqual([
      expect.stringMatching(/^INVENTORY_URL: names no subgraph folder/),
    ]);
  });

  it('the Secret template has every key the workloads read, all placeholders the services refuse', () => {
    const template = loadDocuments('secrets.template.yaml');
    expect(template).toHaveLength(1);
    const secret = template[0] as Document & { stringData: Record<string, string> };
    const referenced = [...ofKind<Workload>('Deployment'), ...ofKind<Workload>('Job')]
      .flatMap((workload) => workload.spec.template.spec.containers)
      .flatMap((container) => container.env ?? [])
      .flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef] : []));
    expect(new Set(referenced.map((reference) => reference.name))).toEqual(new Set([secret.metadata?.name]));
    expect(Object.keys(secret.stringData).sort()).toEqual([...new Set(referenced.map((r) => r.key))].sort());
    // Placeholders, never real values: secrets under 32 characters are refused at start.
    for (const [key, value] of Object.entries(secret.stringData)) expect(value, key).toMatch(/CHANGE-ME/);
    for (const key of ['JWT_SECRET', 'SUBGRAPH_SIGNING_SECRET'])
      expect(secret.stringData[key]?.length).toBeLessThan(32);
  });

  it('no manifest carries a secret value', () => {
    for (const document of documents.filter((d) => d.kind === 'Secret' || d.kind === 'ConfigMap')) {
      expect(document.source).toBe('secrets.template.yaml#0');
    }
    const text = files.map((file) => readFileSync(join(kubernetesDir, file), 'utf8')).join('\n');
    expect(text).not.toMatch(/name: (JWT_SECRET|SUBGRAPH_SIGNING_SECRET|PAYMENT_CALLBACK_SECRET)\s*,?\s*value:/);
  });
});
