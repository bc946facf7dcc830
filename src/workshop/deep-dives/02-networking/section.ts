import { NETWORKING_CLAIMS, NETWORKING_STEP_CLAIMS } from './claims';
import { workshopFqdnStep } from './fqdn-step';
import { HubbleUi } from '../../../networking/hubble-ui';
import { AksStore } from '../../../store/aks-store';
import { NetworkingChart } from '../../charts/networking-chart';
import { addHubbleUiPolicy } from '../../hardened-policies';
import { WorkshopSection } from '../../section';
import { allowStoreFrontTraffic, StoreNetworkPolicies } from '../../store-policies';

const WORKSHOP_STORE = AksStore.fromNamespace('pets');
const WORKSHOP_FILE = { allowDns: false } as const;

/** "Advanced Networking Concepts": network policies, FQDN filtering, chaos and restore, Hubble UI. */
export const NETWORKING_SECTION: WorkshopSection = {
  id: '02-networking',
  title: 'Advanced Networking Concepts',
  // 08-secure-store holds these policies too, with what the store's sidecars need.
  leftOutWith: ['08-secure-store'],
  build: (scope, id, { profile }) => new NetworkingChart(scope, id, { profile }),
  steps: [
    {
      id: 'step1-network-policy',
      title: 'Deploy Network Policy',
      build: (chart) => new StoreNetworkPolicies(chart, 'store-policies', { store: WORKSHOP_STORE, ...WORKSHOP_FILE, rabbitmqEgress: 'no-rules' }),
    },
    { id: 'step2-fqdn-policy', title: 'Create an FQDN Policy', build: (chart) => workshopFqdnStep(chart, WORKSHOP_STORE) },
    {
      id: 'step3-chaos',
      title: 'Introducing Chaos',
      build: (chart) => allowStoreFrontTraffic(chart, WORKSHOP_STORE, { ...WORKSHOP_FILE, ingress: 'blocked' }),
    },
    { id: 'step4-restore-store-front', title: 'Restore the store front', build: (chart) => allowStoreFrontTraffic(chart, WORKSHOP_STORE, WORKSHOP_FILE) },
    {
      id: 'step5-hubble-ui',
      title: 'Install Hubble UI',
      build: (chart, { profile }) => {
        const hubbleUi = new HubbleUi(chart, 'hubble-ui', { profile });
        if (profile === 'hardened') addHubbleUiPolicy(chart, hubbleUi);
      },
    },
  ],
  claims: { endState: NETWORKING_CLAIMS, steps: NETWORKING_STEP_CLAIMS, after: ['01-store'] },
};
