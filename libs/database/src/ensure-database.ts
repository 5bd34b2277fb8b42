import { Client } from 'pg';
import { DatabaseConfig } from '@tracker/common';

/** Creates the database if it does not exist (connecting to the maintenance database). */
export async function ensureDatabase(db: DatabaseConfig, name = db.database): Promise<boolean> {
  const client = new Client({
    host: db.host,
    port: db.port,
    user: db.username,
    password: db.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    // Identifiers cannot be bound as parameters; the name is validated by the config schema.
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    return true;
  } finally {
    await client.end();
  }
}
