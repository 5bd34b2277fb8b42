import { DataSource } from 'typeorm';
import { databaseConfig } from '@tracker/common';
import { dataSourceOptions } from './data-source-options';

// For the TypeORM CLI (migration:generate / migration:run).
export default new DataSource(dataSourceOptions(databaseConfig()));
