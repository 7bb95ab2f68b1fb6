/** What Argo accepts: which findings may be silenced on a line or overridden at submit. No imports: safe for the extension. */
export { argoAccepts, stricterThanArgo } from './strictness';
