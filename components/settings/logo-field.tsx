"use client";

import { ImageUp, X } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const MAX_BYTES = 256 * 1024;
const TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml"];

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The decoded size of a base64 data: URL, as people read file sizes. */
function imageSize(dataUrl: string): string {
  const bytes = Math.floor((dataUrl.length - dataUrl.indexOf(",") - 1) * 0.75);
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The logo: an https URL, or an uploaded image kept as a data: URL (so the portal and emails need no
 * file storage). Uploads are checked here for type and size before the server checks them again.
 */
export function LogoField({ value, onChange, error, disabled }: { value: string; onChange: (value: string) => void; error?: string; disabled: boolean }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string>();
  const uploaded = value.startsWith("data:");
  const shownError = fileError ?? error;

  const choose = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    if (!TYPES.includes(file.type)) return setFileError("Choose a PNG, JPEG, WebP, GIF or SVG image.");
    if (file.size > MAX_BYTES) return setFileError(`The image is ${Math.ceil(file.size / 1024)} KB; the logo can be at most 256 KB.`);
    onChange(await readAsDataUrl(file));
  };

  return (
    <div>
      <label htmlFor="logo-url" className="mb-1.5 block text-sm font-medium text-slate-800">
        Logo
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="logo-url"
          value={uploaded ? "" : value}
          disabled={disabled}
          placeholder={uploaded ? "Using an uploaded image" : "https://cdn.example.com/logo.svg"}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy("logo-url", { error: shownError, hint: true })}
        />
        {disabled ? null : (
          <Button variant="secondary" onClick={() => fileInput.current?.click()}>
            <ImageUp aria-hidden className="size-4" /> Upload image
          </Button>
        )}
        <input
          ref={fileInput}
          type="file"
          accept={TYPES.join(",")}
          className="hidden"
          data-testid="logo-file"
          onChange={(e) => void choose(e.target.files?.[0]).finally(() => (e.target.value = ""))}
        />
      </div>
      <p id="logo-url-hint" className="mt-1.5 text-xs text-slate-600">
        An https URL, or upload an image of at most 256 KB. Shown about 32 pixels high. Leave empty to show the product name.
      </p>
      {value && !disabled ? (
        <div className="mt-2 flex items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
          {/* A preview of the vendor's own image: any host or a data: URL, so no image optimisation. */}
          <img src={value} alt="Logo preview" className="h-8 w-auto max-w-40 object-contain" />
          <span className="flex-1 text-xs text-slate-600">{uploaded ? `Uploaded image, ${imageSize(value)}` : "From the URL above"}</span>
          <Button variant="ghost" size="sm" onClick={() => onChange("")}>
            <X aria-hidden className="size-3.5" /> Remove logo
          </Button>
        </div>
      ) : null}
      <FieldError id="logo-url-error" message={shownError} />
    </div>
  );
}
