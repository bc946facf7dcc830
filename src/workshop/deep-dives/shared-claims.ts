import { Claim } from '../../analysis/claims';
import { allowed, appPods, servicePort } from '../claim-builders';

/** The namespace AKS Deep Dives runs the store in. */
export const PETS = 'pets';

/** order-service's pods, the source of most of the text's connectivity checks. */
export const ORDER_SERVICE = appPods(PETS, 'order-service');

/** The store front through its LoadBalancer Service. */
export function storeFrontServesWorld(description: string): Claim {
  return allowed('store-front-serves-world', description, 'world', servicePort(PETS, 'store-front', 80));
}
