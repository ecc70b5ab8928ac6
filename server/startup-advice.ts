import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import type { Store } from './store/store';

/** The demo shop's articles, which KB_DIR points at unless it is set. */
const DEMO_KB = resolve(fileURLToPath(new URL('../demo/kb', import.meta.url)));

/**
 * What a fresh production install must do next, as the exact commands to run, and whether the bot
 * still serves the demo shop's articles; nothing when it is ready. Demo mode seeds a site and logins, so it never needs this.
 */
export async function startupAdvice(store: Store, config: Config): Promise<string[]> {
  if (config.demo) return [];
  // Without KB_DIR a production bot answers your visitors with the demo shop's articles (returns, Northwind's delivery).
  const kb = resolve(config.kbDir) === DEMO_KB ? ['  The bot answers from the demo shop\'s knowledge base: set KB_DIR to your own folder of articles (see "The knowledge base" in README.md).'] : [];
  const [sites, agents] = await Promise.all([store.sites.all(), store.agents.all()]);
  const hasAdmin = agents.some((a) => a.role === 'admin' && !a.disabled);
  if (sites.length > 0 && hasAdmin) return kb;
  // The embedded database is locked by this server, so the CLI needs it stopped; PostgreSQL does not.
  const stopFirst = store.kind === 'pglite' ? ' (stop the server first: the embedded database allows one process at a time)' : '';
  const lines = ['  Next steps to go live' + stopFirst + ':'];
  if (!hasAdmin) lines.push('    Create the first admin:  npm run agents -- add --email you@example.com --name "Your Name" --role admin');
  if (sites.length === 0) {
    lines.push('    Create your site:        npm run sites -- add --name "My shop" --origin https://www.example.com');
  }
  lines.push('    Then paste the printed <script> snippet into your pages. See "Going live" in README.md.');
  return [...lines, ...kb];
}
