/** Managed disk SKUs an `azureDisk` pool can use. */
export const AZURE_DISK_SKUS = ['Premium_LRS', 'Standard_LRS', 'StandardSSD_LRS', 'UltraSSD_LRS', 'Premium_ZRS', 'PremiumV2_LRS', 'StandardSSD_ZRS'] as const;

/** A managed disk SKU an `azureDisk` pool can use. */
export type AzureDiskSku = typeof AZURE_DISK_SKUS[number];

/** The SKUs whose IOPS and throughput can be provisioned. */
export const PERFORMANCE_DISK_SKUS: readonly AzureDiskSku[] = ['UltraSSD_LRS', 'PremiumV2_LRS'];

/** Local disks an `ephemeralDisk` pool can use. */
export const EPHEMERAL_DISK_TYPES = ['nvme', 'temp'] as const;

/** Local disks an `ephemeralDisk` pool uses: NVMe of L-series VMs, or the VM's temp SSD. */
export type EphemeralDiskType = typeof EPHEMERAL_DISK_TYPES[number];

/** Replica counts of a replicated NVMe pool. */
export const EPHEMERAL_DISK_REPLICAS = [3, 5] as const;

/** Availability zones a pool can spread over. */
export const POOL_ZONES = ['1', '2', '3'] as const;
