import { renderHook, waitFor } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { newQueryClient } from "../../lib/query";
import { useAnalysis } from "./api";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

/** GET /api/v1/analyses/a1/ answers with each status in turn, then the last one for good. */
function stubStatuses(...statuses: string[]) {
  let call = 0;
  const fetch = vi.fn(async () => {
    const status = statuses[Math.min(call++, statuses.length - 1)];
    return json({ id: "a1", status, progress: status === "done" ? 100 : 40 });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderAnalysis() {
  const client = newQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return renderHook(() => useAnalysis("a1"), { wrapper });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("useAnalysis", () => {
  it("asks again while the analysis runs and stops once it is done", async () => {
    const fetch = stubStatuses("running", "done");
    const { result } = renderAnalysis();

    await waitFor(() => expect(result.current.data?.status).toBe("done"), { timeout: 3000 });
    expect(fetch).toHaveBeenCalledTimes(2);
    await pause(1500);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("stops asking when the page unmounts, although the analysis still runs", async () => {
    const fetch = stubStatuses("running");
    const { result, unmount } = renderAnalysis();
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2), { timeout: 3000 });
    expect(result.current.data?.status).toBe("running");

    unmount();
    await pause(1500);

    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
