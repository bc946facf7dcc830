export * from '../../imports/podmonitor-azmonitoring.coreos.com';
export * from '../../imports/servicemonitor-azmonitoring.coreos.com';
