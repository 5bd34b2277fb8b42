import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { decodePolicyBuffer } from '@tracker/documents';
import {
  activeAdminCount,
  fillMissingDocumentFacts,
  seedDemoAccounts,
  seedUnitRegistry,
} from '@tracker/services';
import { demoPassword, importerFor, openDataSource } from './db';

const SEEDS = path.resolve(__dirname, '../../../../seeds');

/**
 * Creates the database if missing, migrates and seeds the unit registry. A development setup also
 * imports the five demo documents and creates the demo accounts; a production one does neither
 * (the first admin comes from `create-admin`).
 */
export async function setupCommand(): Promise<number> {
  const ds = await openDataSource({ create: true });
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    process.stderr.write(`migrations: ${applied.length} applied\n`);
    const registry = await ds.transaction((em) => seedUnitRegistry(em));
    process.stderr.write(`unit registry: ${registry.units} units, ${registry.groups} groups\n`);
    const password = demoPassword();
    if (!password) {
      const admins = await activeAdminCount(ds.manager);
      process.stderr.write('production: no demo documents imported, no demo accounts created\n');
      if (admins === 0)
        process.stderr.write(
          'no admin account yet: create one with `npm run cli -- create-admin --username NAME`\n',
        );
      return 0;
    }
    const importer = importerFor(ds);
    // Facts the seed texts do not state (their title lines were not transcribed), read from each document.
    const facts = JSON.parse(await readFile(path.join(SEEDS, 'documents.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    for (const file of (await readdir(SEEDS)).filter((f) => f.endsWith('.txt')).sort()) {
      const { text } = decodePolicyBuffer(await readFile(path.join(SEEDS, file)), file);
      // The seeds are plans of years ago: their assignments predate the tracker, so no acknowledgement mail.
      const result = await importer.import({ fileName: file, text, preexisting: true }, null);
      const filled = facts[file]
        ? await ds.transaction((em) => fillMissingDocumentFacts(em, result.documentId, facts[file]))
        : [];
      process.stderr.write(
        `${file}: ${result.created ? 'imported' : 'present'} (${result.tasks} tasks, ${result.assignments} assignments)${filled.length ? `, filled ${filled.join(', ')}` : ''}\n`,
      );
    }
    const accounts = await ds.transaction((em) => seedDemoAccounts(em, { demoPassword: password }));
    process.stderr.write(`demo accounts: ${JSON.stringify(accounts)}\n`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

export async function migrateCommand(): Promise<number> {
  const ds = await openDataSource({ create: true });
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    process.stderr.write(
      `migrations: ${applied.map((m) => m.name).join(', ') || 'none pending'}\n`,
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}
