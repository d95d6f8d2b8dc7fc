export { createAuthenticator } from './authentication.ts';
export { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, type GatewayConfig, gatewayConfigFromEnv } from './config.ts';
export { estimateCost } from './plugins/costLimit.ts';
export { type RunningGateway, startGateway } from './server.ts';
export { type FieldFacts, readSupergraph, type SupergraphFacts } from './supergraph.ts';
