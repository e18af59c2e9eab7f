/** Console users: agents and admins, scrypt passwords, expiring sessions, lockout after failed logins. */
export { createAuthService, type AgentInput, type AuthService, type AuthServiceOptions, type LoginResult } from "./auth-service.ts";
export { generatePassword, hashPassword, verifyPassword } from "./passwords.ts";
export { INITIAL_CREDENTIALS_FILE, writeInitialCredentials } from "./initial-credentials.ts";
