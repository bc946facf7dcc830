import { ObservabilityChart } from '../../charts/observability-chart';
import { WorkshopSection } from '../../section';

/** "Advanced Observability Concepts": metrics settings, reference app, PodMonitor. */
export const OBSERVABILITY_SECTION: WorkshopSection = {
  id: '06-observability',
  title: 'Advanced Observability Concepts',
  build: (scope, id, { profile }) => new ObservabilityChart(scope, id, { profile }),
};
