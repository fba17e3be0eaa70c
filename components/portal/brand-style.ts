import type { CSSProperties } from "react";
import { textColorOn } from "./colors";

/**
 * Re-points the brand palette at the vendor's colour for everything inside (buttons, focus rings,
 * tinted backgrounds), so shared components take on the vendor's branding without a second set.
 */
export function brandStyle(primaryColor: string): CSSProperties {
  const hex = /^#[0-9a-fA-F]{6}$/.test(primaryColor) ? primaryColor : "#2f54d8";
  return {
    "--color-brand-600": hex,
    "--color-brand-700": `color-mix(in srgb, ${hex} 82%, black)`,
    "--color-brand-800": `color-mix(in srgb, ${hex} 60%, black)`,
    "--color-brand-100": `color-mix(in srgb, ${hex} 16%, white)`,
    "--color-brand-50": `color-mix(in srgb, ${hex} 7%, white)`,
    "--color-on-brand": textColorOn(hex),
  } as CSSProperties;
}
