/**
 * A small seeded pseudo-random number generator, so that anything drawn at
 * random (the mock's faults) can be replayed from its seed on every runtime
 * and in both Effect editions.
 *
 * @since 0.2.0
 */

/**
 * Draws a number in `[0, 1)`; each call advances the generator.
 *
 * @since 0.2.0
 * @category models
 */
export type Draw = () => number

/**
 * mulberry32: 32 bits of state, fast, and good enough for test schedules
 * (not for anything secret). Seeds are taken modulo 2^32.
 *
 * @since 0.2.0
 * @category constructors
 */
export const mulberry32 = (seed: number): Draw => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
