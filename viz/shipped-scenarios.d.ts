/** The shipped scenarios' text, bundled when the player is built (scripts/build-viz.ts). */
declare module 'msasim:shipped-scenarios' {
  export const SHIPPED_SCENARIOS: readonly { name: string; fileName: string; text: string }[];
}
