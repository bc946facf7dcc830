export { OutputFolderError } from './output-folder-error';
export { OUTPUT_MARKER } from './output-marker';
export * from './write-output';
export * from './write-manifests';
export * from './cdk8s-cli-output';
