/** The typed Argo model (templates, tasks, steps, params, refs with source ranges) and YAML access to it. */
export { YamlAccess } from './yaml-access';
export { allTemplates, callsOf, templateLabel } from './walk';
export type * from './types';
