// Every command id, view id, setting and storage key the extension uses, in one place.
// package.json must list the same command ids (a unit test checks both directions).
export const EXTENSION_ID = 'ring-keys.ring-keys';

export const Commands = {
  showLogs: 'ringKeys.showLogs',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Settings = {
  section: 'ringKeys',
} as const;
