import { FleetChart, placementApiVersion } from '../../charts/fleet-chart';
import { WorkshopSection } from '../../section';

/** "Managing Multiple AKS Clusters with Azure Fleet": apply to the Fleet hub cluster. */
export const FLEET_SECTION: WorkshopSection = {
  id: '07-fleet',
  title: 'Managing Multiple AKS Clusters with Azure Fleet',
  build: (scope, id, { settings, profile }) => new FleetChart(scope, id, { profile, placementApiVersion: placementApiVersion(settings) }),
  cluster: 'fleet-hub',
};
