export { createAuthenticator } from './authentication.ts';
export { type GatewayConfig, gatewayConfigFromEnv } from './config.ts';
export { type RunningGateway, startGateway } from './server.ts';
