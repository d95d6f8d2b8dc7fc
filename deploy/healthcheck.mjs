// The images' HEALTHCHECK (node's fetch: the slim base image has no curl). Asks the service in
// this container for /health, or the path given (`healthcheck.mjs /ready`), on the port it
// listens on: PORT for the gateway, <NAME>_PORT for a subgraph or the portal (SERVICE names
// which). Exits 0 when the answer is 2xx, 1 otherwise.
const service = process.env.SERVICE;
if (!service) {
  console.error('healthcheck: SERVICE is not set (the image sets it)');
  process.exit(1);
}
const portVariable = service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`;
const port = process.env[portVariable];
const path = process.argv[2] ?? '/health';
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4_000) });
  await response.body?.cancel();
  if (!response.ok) console.error(`healthcheck: ${path} answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${path} on port ${port} (${portVariable}): ${error.message}`);
  process.exit(1);
}
