/**
 * The contracts without zod: every constant, rule and type that code running in the browser
 * needs (error reasons, languages, the visit's state machine and join window, signaling event
 * names and limits, visit codes, …), and nothing that builds a schema. A page that imported the
 * schemas would send the whole of zod and every contract to every visitor; the API and the web
 * app's server validate with them (`@telehealth/contracts`, which re-exports all of this too).
 *
 * The web app's browser bundles get this entry wherever they import `@telehealth/contracts`
 * (apps/web/next.config.mjs), the call engine included; apps/web/lib/browser-contracts.spec.ts
 * checks that browser code imports no value this entry lacks.
 */
export * from './error';
export * from './languages';
export * from './text';
export * from './users';
export * from './auth';
export * from './appointments';
export * from './join-window';
export * from './visit-state';
export * from './signaling';
export * from './sessions';
export * from './staff';
export * from './visit-links';
export * from './visit-updates';
export * from './guests';
export * from './clinic-visits';
export * from './plain-signaling';
