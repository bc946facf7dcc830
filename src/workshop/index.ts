export * from './section';
export * from './store-policies';
export * from './workshop-fqdn-step';
export * from './sections';
export * from './settings/workshop-settings';
export * from './settings/dotenv';
export * from './workshop-app';
export * from './settings/credential-settings';
