/**
 * A small TCP load balancer for the scale-out test, behaving like a Kubernetes Service in front
 * of its ready pods (or HAProxy with health checks): each new connection goes, round robin, to a
 * backend whose readiness probe last answered 200; a backend that refuses the connection is
 * skipped for the next one. It never looks inside a connection, so keep-alive, draining and
 * `Connection: close` behave as they would behind a real balancer.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Backend {
  port: number;
  ready: boolean;
  /** Connections handed to this backend so far. */
  connections: number;
}

export interface TcpBalancer {
  port: number;
  url: (path: string) => string;
  backends: Backend[];
  close(): Promise<void>;
}

const PROBE_EVERY_MS = 100;
const PROBE_TIMEOUT_MS = 500;

export async function tcpBalancer(backendPorts: number[], readinessPath: string): Promise<TcpBalancer> {
  const backends: Backend[] = backendPorts.map((port) => ({ port, ready: false, connections: 0 }));
  let next = 0;
  const sockets = new Set<Socket>();

  const probe = async (backend: Backend) => {
    try {
      const response = await fetch(`http://127.0.0.1:${backend.port}${readinessPath}`, {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      await response.body?.cancel();
      backend.ready = response.ok;
    } catch {
      backend.ready = false;
    }
  };
  const probing = setInterval(() => backends.forEach((backend) => void probe(backend)), PROBE_EVERY_MS);
  await Promise.all(backends.map(probe));

  /** Connects the client to the first ready backend, from the round-robin position, that accepts. */
  const route = (client: Socket, tried: Set<Backend>) => {
    const candidates = backends.filter((backend) => backend.ready && !tried.has(backend));
    if (candidates.length === 0) {
      client.destroy();
      return;
    }
    const backend = candidates[next++ % candidates.length] as Backend;
    tried.add(backend);
    const upstream = connect(backend.port, '127.0.0.1');
    let connected = false;
    upstream.once('error', () => {
      if (connected) return;
      // Refused: nothing was sent, so another backend takes the connection.
      backend.ready = false;
      route(client, tried);
    });
    upstream.once('connect', () => {
      connected = true;
      backend.connections += 1;
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    route(client, new Set());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    backends,
    close: async () => {
      clearInterval(probing);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
