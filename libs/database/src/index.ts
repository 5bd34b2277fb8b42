export * from './entities';
export * from './data-source-options';
export * from './ensure-database';
export * from './database.module';
export * from './repositories/sql';
export * from './repositories/search.repository';
export * from './repositories/document-tree.repository';
export * from './repositories/my-tasks.repository';
