/**
 * Demo PIN hashes for training and the demo kiosk only (docs/config.md, "Service"): collector 1111,
 * technician 2222, administrator 3333. Everyone can read these PINs here: a real kiosk gets its own.
 */
import type { ServicePins } from './pins'

export const DEMO_SERVICE_PINS: Readonly<Required<ServicePins>> = {
  collector: 'scrypt$32768$8$1$umtxBfirpWYLsb8682lOtg$d4WoXXvxysp_rF9REkWQU4YFzvICEFCx0__g1s2_a_A',
  technician: 'scrypt$32768$8$1$ptbHJGtOwwKr860FsdmL3g$SwPd2hxf3V8rmcmm0s_sJqocG3HiPBnWo8q6wcM2968',
  administrator: 'scrypt$32768$8$1$p2lfncO1Kz9T0KpOXkmqiQ$ieORWB1kEVdvHSqGo8y9hgOIXQ6u9qetY0EbxhVYK4U'
}
