// A lint guard for the front end's data layer (docs/architecture.md, "Front-end data layer"):
// reads go through the query hooks exported from each feature's api.ts, never through a
// component's own useEffect + fetch, which is how stale answers and runaway polling came in;
// writes go through the mutation hooks there, which keep the reads they change fresh.
import { describe, expect, it } from "vitest";

// Every source file under src/ as text (Vite reads them; tests are not sources).
const RAW = import.meta.glob<string>(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts", "!../**/*.test.tsx"], {
  query: "?raw",
  import: "default",
  eager: true,
});
const FILES = Object.entries(RAW).map(([path, text]) => ({ path: path.replace(/^\.\.\//, ""), text }));

const isApiModule = (path: string) => /(^|\/)api\.ts$/.test(path) || path === "lib/api.ts" || path === "lib/auth.tsx";

describe("the front-end data layer", () => {
  it("reads the sources (a guard that sees no file would pass for nothing)", () => {
    expect(FILES.map(({ path }) => path)).toEqual(expect.arrayContaining(["routes/HistoryPage.tsx", "features/analysis/api.ts"]));
    expect(FILES.some(({ path }) => path.endsWith(".test.ts") || path.endsWith(".test.tsx"))).toBe(false);
  });

  it("only api.ts modules (and the auth provider) call fetch or apiFetch", () => {
    const offenders = FILES.filter(({ path, text }) => !isApiModule(path) && /\b(apiFetch|fetch)\(/.test(text));
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });

  it("no component loads data in a useEffect: a read (get/list/search) is a useX query hook", () => {
    const readImport = /import\s*\{([^}]*)\}\s*from\s*"[^"]*\/api"/g;
    const offenders = FILES.filter(({ path, text }) => {
      if (isApiModule(path) || !text.includes("useEffect(")) return false;
      const names = [...text.matchAll(readImport)].flatMap((match) => match[1].split(",").map((name: string) => name.trim()));
      return names.some((name) => /^(get|list|search)[A-Z]/.test(name));
    });
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });

  it("the old hand-made loaders are gone", () => {
    const offenders = FILES.filter(({ text }) => /\buseLoad\b|hooks\/useAnalysis/.test(text));
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });

  it("writes go through mutation hooks: no component imports a call that changes data", () => {
    // A write is an api.ts call that sends a body or an unsafe method.
    const writes = new Set(
      FILES.filter(({ path }) => /^features\/\w+\/api\.ts$/.test(path)).flatMap(({ text }) =>
        text
          .split(/\n(?=export )/)
          .filter((chunk) => /apiFetch/.test(chunk) && /(\bbody\b|method: "(POST|PUT|PATCH|DELETE)")/.test(chunk))
          .flatMap((chunk) => chunk.match(/^export (?:const|async function|function) (\w+)/)?.[1] ?? []),
      ),
    );
    expect([...writes]).toEqual(expect.arrayContaining(["bookAppointment", "saveSkinProfile", "removeTimeOff", "joinWaitlist"]));
    const readImport = /import\s*\{([^}]*)\}\s*from\s*"[^"]*\/api"/g;
    const offenders = FILES.filter(({ path }) => !isApiModule(path)).flatMap(({ path, text }) =>
      [...text.matchAll(readImport)]
        .flatMap((match) => match[1].split(",").map((name: string) => name.trim()))
        .filter((name) => writes.has(name))
        .map((name) => `${path}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the old form helper is gone", () => {
    const offenders = FILES.filter(({ text }) => /\buseSubmit\b/.test(text));
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });
});
