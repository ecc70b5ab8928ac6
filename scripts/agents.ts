import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { addAgent, agentByEmail, publicAgent, updateAgent } from '../server/agents/manage';
import { ConfigError, loadConfig } from '../server/config';
import { openStore } from '../server/store/open';
import { DataDirInUseError } from '../server/store/pglite-db';

const USAGE = `Usage: npm run agents -- <command> [options]
  add --email E --name N [--role agent|admin]   create an account (password prompted, or read from stdin)
  list                                          list accounts
  disable --email E                             block sign-in and end their sessions
  enable --email E                              allow sign-in again
  reset-password --email E                      set a new password (prompted, or read from stdin)
Uses the same DATA_DIR / DATABASE_URL as the server. With the embedded database, stop the server first.`;

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  // Interactive: read without echoing the password back.
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password: ');
  out._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  // Answered before the store opens, so it works while the server holds the embedded database (as `sites help` does).
  if (values.help || !command || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const email = () => z.email({ error: '--email must be an email address' }).parse(values.email);
    switch (command) {
      case 'add': {
        const agent = await addAgent(store, { email: email(), name: values.name, role: values.role ?? 'agent', password: await readPassword() });
        console.log(`Added ${agent.role} ${agent.email} (${agent.name})`);
        return 0;
      }
      case 'list':
        console.table((await store.agents.all()).map(publicAgent).map(({ id: _id, ...a }) => a));
        return 0;
      case 'disable':
      case 'enable': {
        const agent = await updateAgent(store, (await agentByEmail(store, email())).id, { disabled: command === 'disable' });
        console.log(`${agent.email} is ${agent.disabled ? 'disabled' : 'enabled'}`);
        return 0;
      }
      case 'reset-password': {
        const agent = await agentByEmail(store, email());
        await updateAgent(store, agent.id, { password: await readPassword() });
        console.log(`Password changed for ${agent.email}; their sessions were ended`);
        return 0;
      }
      default:
        console.error(`Unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof z.ZodError) console.error(`Error: ${e.issues[0]?.path.join(".") || "input"}: ${e.issues[0]?.message}`);
    else if (e instanceof AppError || e instanceof ConfigError || e instanceof DataDirInUseError) console.error(`Error: ${e.message}`);
    else console.error(e);
    process.exit(1);
  },
);
