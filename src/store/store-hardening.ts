import { StoreComponent } from './store-workloads';
import { RunAsUser } from '../core/profile';

/**
 * The user each store component runs as under the `restricted` Pod Security Standard, from
 * its image (aks-store-demo's Dockerfiles and the official base images):
 *
 * - RabbitMQ: the official image's `rabbitmq` user (999), which owns `/var/lib/rabbitmq`;
 *   its entrypoint only changes user when started as root.
 * - order-service: `node:alpine`'s `node` user (1000); the app reads `/app` and writes
 *   nothing but npm's log under its home.
 * - product-service: a Rust binary on `debian:bookworm-slim` that writes nothing: any user.
 * - store-front: nginx on `nginx:stable-alpine-slim`, as its `nginx` user (101), on port
 *   8080, with `/var/cache/nginx` and `/var/run` as writable empty folders.
 */
export const STORE_RUN_AS: Readonly<Record<StoreComponent, RunAsUser>> = {
  rabbitmq: { user: 999, group: 999, fsGroup: 999 },
  orderService: { user: 1000, group: 1000 },
  productService: { user: 65532, group: 65532 },
  storeFront: { user: 101, group: 101, fsGroup: 101 },
};

/** The folders nginx writes to, mounted as empty folders when it runs as a non-root user. */
export const NGINX_WRITABLE_FOLDERS: Readonly<Record<string, string>> = {
  'nginx-cache': '/var/cache/nginx',
  'nginx-run': '/var/run',
};
