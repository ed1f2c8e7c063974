import type { ConsolePage } from '../page';
import { homePage } from './home';

/** Every console page, in navigation order. A new page is one file and one line here. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [homePage];
