// The key and its SQL form are one definition in the database layer.
export { escalationKey } from '@tracker/database';
