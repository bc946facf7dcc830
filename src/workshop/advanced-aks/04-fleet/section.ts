import { FleetChart, placementApiVersion } from '../../charts/fleet-chart';
import { WorkshopSection } from '../../section';

/** "Azure Fleet": namespace `my-fleet-ns-example` placed on every member; apply to the hub cluster. */
export const ADVANCED_AKS_FLEET_SECTION: WorkshopSection = {
  id: '04-fleet',
  title: 'Azure Fleet',
  cluster: 'fleet-hub',
  build: (scope, id, { settings, profile }) => new FleetChart(scope, id, {
    profile,
    placedNamespace: 'my-fleet-ns-example',
    placementApiVersion: placementApiVersion(settings),
  }),
};
