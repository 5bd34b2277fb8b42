import Redis, { Cluster, RedisOptions } from 'ioredis';
import type { RedisConfig } from './configuration';

export type RedisClient = Redis | Cluster;

/**
 * The one way the tracker connects to Redis: a single server at host and port, or a Redis Cluster
 * when seed nodes are configured. `options` are the caller's connection habits (fail fast, key
 * prefix, retry strategy); on a cluster they apply to every node's connection, the key prefix and
 * the offline queue to the cluster client itself.
 */
export function createRedisClient(cfg: RedisConfig, options: RedisOptions = {}): RedisClient {
  if (!cfg.clusterNodes) {
    return new Redis({ host: cfg.host, port: cfg.port, password: cfg.password, ...options });
  }
  const { keyPrefix, enableOfflineQueue, lazyConnect, retryStrategy, ...nodeOptions } = options;
  return new Cluster(cfg.clusterNodes, {
    keyPrefix,
    enableOfflineQueue,
    lazyConnect,
    clusterRetryStrategy: retryStrategy ? (times) => retryStrategy(times) : undefined,
    redisOptions: { password: cfg.password, ...nodeOptions },
  });
}
