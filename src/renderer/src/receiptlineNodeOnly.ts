/**
 * Stands in, in the kiosk bundle, for the Node-only modules receiptline loads when `require`
 * exists (iconv-lite, pngjs, stream, string_decoder; see electron.vite.config.ts). They serve its
 * printer command sets and its stream API only; the SVG the screen draws uses none of them, so the
 * browser bundle leaves them out instead of shipping them with Node built-ins it cannot run.
 */
export default {}
export const PNG = undefined
