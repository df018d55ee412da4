import type { AgentFact } from './agent';
import type { SnapshotFact } from './snapshot';
import type { StateFact } from './state';
import type { WindowsFact } from './windows';

export type * from './common';
export type * from './agent';
export type * from './snapshot';
export type * from './state';
export type * from './windows';

/** Everything a parser can assert about the VM. */
export type Fact = AgentFact | SnapshotFact | StateFact | WindowsFact;
export type FactKind = Fact['kind'];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;
