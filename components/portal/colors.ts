/** White or near-black text, whichever reads better on the vendor's colour (WCAG relative luminance). */
export function textColorOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  // Contrast against white is (1.05)/(L+0.05); against #0f172a it is (L+0.05)/(0.0089+0.05).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0589 ? "#ffffff" : "#0f172a";
}
