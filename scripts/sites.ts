import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { ConfigError, loadConfig, type Config } from '../server/config';
import { createSite, deleteSite, rotateSiteSecret, secretView, siteByKey, snippet, updateSite } from '../server/sites/manage';
import { openStore } from '../server/store/open';
import { DataDirInUseError } from '../server/store/pglite-db';
import type { Store } from '../server/store/store';
import type { Site } from '../server/store/types';

const USAGE = `Usage: npm run sites -- <command> [options]
  add --name N [--origin URL ...]            create a site; prints its key, secret and embed snippet
  list                                       list sites
  rename --key K --name N                    change a site's name
  origins --key K [--origin URL ...]         replace the origins allowed to embed it (none: any origin)
  disable --key K                            switch chat off for the site (its widget is refused)
  enable --key K                             switch it back on
  delete --key K --confirm K                 erase the site with its conversations (disable keeps them)
  show-secret --key K                        print the secret used to sign userHash
  rotate-secret --key K [--grace-hours N]    new secret; the old one verifies N more hours (default 24, 0-720)
  snippet --key K                            print the <script> tag to paste into the site
Uses the same DATA_DIR / DATABASE_URL as the server, and PUBLIC_URL for snippets.
With the embedded database, stop the server first.`;

const OPTIONS = {
  name: { type: 'string' },
  key: { type: 'string' },
  origin: { type: 'string', multiple: true },
  confirm: { type: 'string' },
  'grace-hours': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where visitors will load the widget from; without PUBLIC_URL the snippet is only right on this machine. */
function baseUrl(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

function describe(site: Site): string {
  return `${site.name} (key ${site.key}) is ${site.disabled ? 'disabled' : 'enabled'}; allowed origins: ${site.allowedOrigins.join(', ') || 'any'}`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: OPTIONS });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const store: Store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const site = () => siteByKey(store, z.string({ error: '--key is required' }).min(1).parse(values.key));
    const base = baseUrl(config);
    switch (command) {
      case 'add': {
        const created = await createSite(store, { name: values.name, allowedOrigins: values.origin ?? [] });
        console.log(`Added a site: ${describe(created)}
  Key      ${created.key}
  Secret   ${created.secret}   (keep it on your server: it signs userHash)
  Snippet  ${snippet(base, created.key)}`);
        if (!config.publicUrl) console.log(`  Note: set PUBLIC_URL to the address visitors reach this server at; the snippet above uses ${base}.`);
        return 0;
      }
      case 'list': {
        const rows = (await store.sites.all()).map((s) => ({ key: s.key, name: s.name, status: s.disabled ? 'disabled' : 'enabled', origins: s.allowedOrigins.join(' ') || '(any)', created: new Date(s.createdAt).toISOString().slice(0, 10) }));
        if (rows.length === 0) console.log('No sites yet. Create one: npm run sites -- add --name "My shop" --origin https://www.example.com');
        else console.table(rows);
        return 0;
      }
      case 'rename':
        console.log(`Renamed: ${describe(await updateSite(store, (await site()).id, { name: values.name }))}`);
        return 0;
      case 'origins':
        console.log(`Updated: ${describe(await updateSite(store, (await site()).id, { allowedOrigins: values.origin ?? [] }))}`);
        return 0;
      case 'disable':
      case 'enable':
        console.log(describe(await updateSite(store, (await site()).id, { disabled: command === 'disable' })));
        return 0;
      case 'delete': {
        const doomed = await site();
        await deleteSite(store, doomed.id, values.confirm);
        console.log(`Deleted ${doomed.name} (key ${doomed.key}) and everything recorded under it`);
        return 0;
      }
      case 'show-secret': {
        const shown = secretView(await site());
        console.log(shown.secret);
        if (shown.previousSecretExpiresAt) console.error(`(the previous secret still verifies until ${shown.previousSecretExpiresAt})`);
        return 0;
      }
      case 'rotate-secret': {
        const hours = values['grace-hours'] === undefined ? undefined : Number(values['grace-hours']);
        const rotated = await rotateSiteSecret(store, (await site()).id, hours === undefined ? {} : { graceHours: hours });
        console.log(`New secret: ${rotated.secret}`);
        console.log(rotated.previousSecretExpiresAt ? `The previous secret still verifies userHash until ${rotated.previousSecretExpiresAt}.` : 'The previous secret no longer verifies anything.');
        return 0;
      }
      case 'snippet':
        console.log(snippet(base, (await site()).key));
        return 0;
      default:
        console.error(`Unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await store.close();
  }
}

/** Names a bad value by the flag the user typed, not by the field it fills. */
function flagOf(path: PropertyKey[]): string {
  const flags: Record<string, string> = { name: '--name', allowedOrigins: '--origin', graceHours: '--grace-hours' };
  const [field, index] = path;
  if (field === undefined) return 'input';
  const flag = flags[String(field)] ?? String(field);
  return typeof index === 'number' ? `${flag} #${index + 1}` : flag;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof z.ZodError) console.error(`Error: ${flagOf(e.issues[0]?.path ?? [])}: ${e.issues[0]?.message}`);
    else if (e instanceof AppError || e instanceof ConfigError || e instanceof DataDirInUseError) console.error(`Error: ${e.message}`);
    else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) console.error(`Error: ${e.message}\n${USAGE}`);
    else console.error(e);
    process.exit(1);
  },
);
