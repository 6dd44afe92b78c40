/** The simulator's notion of time, in epoch milliseconds. Injected so tests never really wait. */
export interface Clock {
  now(): number;
}

/** Simulated time that runs `speed` times faster than the wall clock, from the moment it is built. */
export class ScaledClock implements Clock {
  private baseSim: number;
  private baseReal: number;

  constructor(
    private speedFactor = 1,
    private readonly realNow: () => number = Date.now,
  ) {
    this.baseReal = realNow();
    this.baseSim = this.baseReal;
  }

  now(): number {
    return this.baseSim + (this.realNow() - this.baseReal) * this.speedFactor;
  }

  /** The current speed factor. */
  get speed(): number {
    return this.speedFactor;
  }

  /** Changes the speed from now on; time already elapsed is kept. */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError(`speed must be > 0, got ${speed}`);
    this.baseSim = this.now();
    this.baseReal = this.realNow();
    this.speedFactor = speed;
  }

  /** Jumps simulated time forward (works at any speed). */
  advance(ms: number): void {
    this.baseSim += ms;
  }
}

/** A clock that moves only when told to: for unit tests of the rolling engine. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.t;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('time only moves forward');
    this.t += ms;
  }
}

/** A clock that can be moved forward from the control API. */
export interface AdvanceableClock extends Clock {
  advance(ms: number): void;
}

/** True when the clock can be advanced (both built-in clocks can). */
export function isAdvanceable(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advance === 'function';
}
