import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";

import { newQueryClient } from "../lib/query";

/** `render` inside a fresh query client, as at the app root: no answer leaks between tests. */
export function renderWithQuery(ui: ReactNode, client = newQueryClient()) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, ...render(ui, { wrapper }) };
}
