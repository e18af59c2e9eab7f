/** API keys for integrations and admins (hashed, scoped, revocable) and the principal behind an API request. */
export { API_KEY_PREFIX, API_SCOPES, createApiKeys, hashApiKey, looksLikeApiKey, parseScopes, type ApiKeys, type ApiKeysOptions, type ApiScope, type CreatedApiKey } from "./api-keys.ts";
export { ADMIN_SESSION_SCOPES, createPrincipalResolver, type Principal, type PrincipalResolver, type PrincipalResolverOptions } from "./principal.ts";
