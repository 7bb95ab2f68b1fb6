/** The rule families (registry: every rule's code, severity, docs) and the quick fixes shared with the editor. */
export { allRules, defaultSeverity, BUILTIN_RULES, RULE_FAMILIES } from './registry';
export { createTemplateStubFix, dependenciesToDependsFix } from './template-fixes';
