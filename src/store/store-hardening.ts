import { Size } from 'cdk8s';
import { StoreComponent } from './store-workloads';
import { WritableFolder } from '../core/hardening';
import { RunAsUser } from '../core/profile';
import { RequestAndLimit } from '../core/resources';

/**
 * The user and group each store component runs as in the hardened profile: ids of 10000 or
 * more, one per component, which the images allow (from aks-store-demo 2.2.0's Dockerfiles and
 * the official base images):
 *
 * - RabbitMQ (`rabbitmq:*-management-alpine`): any user; it writes only `/var/lib/rabbitmq`
 *   (its `HOME` and data folder, an `emptyDir` here), creating the Erlang cookie as that user.
 * - order-service (`node:alpine`, `npm start`): the app writes nothing and reads `/app`, which
 *   is world-readable; npm's cache and logs go to `/tmp/.npm` (an `emptyDir`).
 * - product-service (a Rust binary on `debian:bookworm-slim`): writes nothing.
 * - store-front (nginx on `nginx:stable-alpine-slim`, port 8080): writes its pid to `/var/run`
 *   and its temporary files to `/var/cache/nginx` (both `emptyDir`s); logs go to stdout.
 *
 * Every pod's volumes belong to its group (`fsGroup`).
 */
export const STORE_RUN_AS: Readonly<Record<StoreComponent, RunAsUser>> = {
  rabbitmq: { user: 10001, group: 10001, fsGroup: 10001 },
  orderService: { user: 10002, group: 10002, fsGroup: 10002 },
  productService: { user: 10003, group: 10003, fsGroup: 10003 },
  storeFront: { user: 10004, group: 10004, fsGroup: 10004 },
};

/** The folders nginx writes to, mounted as empty folders when it runs as a non-root user. */
const NGINX_WRITABLE_FOLDERS: Readonly<Record<string, string>> = {
  'nginx-cache': '/var/cache/nginx',
  'nginx-run': '/var/run',
};

/**
 * The folders each store component writes to, as size-limited `emptyDir`s under a read-only root
 * file system (hardened profile). RabbitMQ logs to the console and writes only its data folder
 * (its mnesia database and message store: the orders waiting in the queue).
 */
export const STORE_WRITABLE_FOLDERS: Readonly<Record<StoreComponent, readonly WritableFolder[]>> = {
  rabbitmq: [{ name: 'rabbitmq-data', mountPath: '/var/lib/rabbitmq', sizeLimit: Size.mebibytes(512) }],
  orderService: [{ name: 'tmp', mountPath: '/tmp', sizeLimit: Size.mebibytes(64) }],
  productService: [],
  storeFront: [
    { name: 'nginx-cache', mountPath: NGINX_WRITABLE_FOLDERS['nginx-cache'], sizeLimit: Size.mebibytes(64) },
    { name: 'nginx-run', mountPath: NGINX_WRITABLE_FOLDERS['nginx-run'], sizeLimit: Size.mebibytes(1) },
  ],
};

/**
 * The ephemeral storage of each store component's container in the hardened profile: its
 * `emptyDir`s and 50Mi of logs fit under the limit. The order service's init container
 * (`wait-for-rabbitmq`) writes nothing but a line of log every two seconds.
 */
export const STORE_EPHEMERAL_STORAGE: Readonly<Record<StoreComponent | 'waitForRabbitmq', RequestAndLimit<Size>>> = {
  rabbitmq: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
  orderService: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
  productService: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
  storeFront: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
  waitForRabbitmq: { request: Size.mebibytes(8), limit: Size.mebibytes(64) },
};

/**
 * npm's settings for the order service under a read-only root file system: its cache (where it
 * also writes its debug logs) in the `/tmp` `emptyDir`, and no registry check for a newer npm.
 */
export const ORDER_SERVICE_NPM_ENV: Readonly<Record<string, string>> = {
  NPM_CONFIG_CACHE: '/tmp/.npm',
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
};

/** The Key Vault secrets RabbitMQ's user name and password are read from, by default. */
export const RABBITMQ_KEY_VAULT_SECRETS: Readonly<Record<string, string>> = { username: 'rabbitmq-username', password: 'rabbitmq-password' };
