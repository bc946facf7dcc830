/** The namespace the Advanced AKS workshop runs the store in. */
export const ADVANCED_AKS_NAMESPACE = 'aks-store';
