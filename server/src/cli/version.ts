/** The package version (package.json), as the CLI and SARIF report it. */
export { version as VERSION } from '../../../package.json';
