// What every operation handler gets: the emulator core, the signing region's state and the time.
import type { EmulatorCore } from './core';
import type { RegionState } from './state';

export interface OpContext {
  core: EmulatorCore;
  state: RegionState;
  now: number;
}

export type Handler = (input: any, ctx: OpContext) => unknown | Promise<unknown>;
