export { CONSOLE_CONTENT_SECURITY_POLICY } from './csp';
export { consoleRoutes } from './routes';
export { CONSOLE_PAGES } from './pages';
export { definePage, download } from './page';
export type { ConsolePage, PageContext } from './page';
export { CONSOLE_PATH, SESSION_COOKIE } from './session';
export { CONSOLE_SIGN_IN_CHOICES, CONSOLE_SIGN_IN_CONSUMERS, consoleRole } from './roles';
export type { ConsoleRole } from './roles';
export type { ConsoleHandler, ConsoleResponse, ConsoleSignIn } from './types';
