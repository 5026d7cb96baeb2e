// The clock of the benches that follow a rollout for simulated minutes: the watcher's sleeps move
// the emulator's clock (control endpoint `advance`) instead of waiting.
import type { Clock } from '../../src/deploy/clock';
import type { EmulatorControl } from '../emulator/control';

/** Starts at the real time; each sleep advances it, and the emulator, by the time slept, at once. */
export function emulatorClock(control: EmulatorControl): Clock {
  let now = Date.now();
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await control.advance(ms);
    },
  };
}
