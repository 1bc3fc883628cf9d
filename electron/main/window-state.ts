import { readFile, writeFile, rename } from 'node:fs/promises';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let Electron center the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 };
/** How much of the title bar must be on a screen for a saved position to be reused. */
const MIN_VISIBLE = { width: 120, height: 40 };

const SavedState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

const overlap = (a: Rect, b: Rect) => ({
  width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
  height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
});

/**
 * Makes a saved window state safe for the current displays: junk falls back to the default, the
 * size fits the work area, and a position left on an unplugged monitor is dropped (centered).
 */
export function clampWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const parsed = SavedState.safeParse(saved);
  const state: WindowState = parsed.success ? parsed.data : { ...DEFAULT_WINDOW_STATE };
  const largest = workAreas.reduce<Rect | null>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    null,
  );
  const hasPosition = state.x !== undefined && state.y !== undefined;
  const home = hasPosition
    ? workAreas.find((area) => {
        const seen = overlap(
          { x: state.x ?? 0, y: state.y ?? 0, width: state.width, height: MIN_VISIBLE.height },
          area,
        );
        return seen.width >= MIN_VISIBLE.width && seen.height >= MIN_VISIBLE.height;
      })
    : undefined;
  const area = home ?? largest;
  const fit = (value: number, min: number, max: number | undefined) =>
    Math.max(Math.min(min, max ?? min), Math.min(value, max ?? value));
  const width = fit(state.width, MIN_WINDOW_SIZE.width, area?.width);
  const height = fit(state.height, MIN_WINDOW_SIZE.height, area?.height);
  if (!home) return { width, height, maximized: state.maximized };
  // Keep the window on its screen: pull it back in when the saved size hung over the edge.
  const x = Math.min(Math.max(state.x ?? home.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(state.y ?? home.y, home.y), home.y + home.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

/** Reads the saved state; a missing or corrupt file reads as nothing saved. */
export async function readWindowState(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes atomically, so a crash mid-write never leaves a half file behind. */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(temporary, file);
}
