/** The names searched for: *.yaml and *.yml. */
export const YAML_FILE = /\.ya?ml$/i;
