// The entry of the api's worker threads (libs/services/src/offload/offload-pool.ts): each thread
// reads the TypeScript task module through the same loader the apps start with.
require('./register.js');
module.exports = require('../libs/services/src/offload/offload.tasks.ts').THREAD_TASKS;
