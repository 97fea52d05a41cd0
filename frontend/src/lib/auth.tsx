import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";

import { ApiError, apiFetch } from "./api";
import type { components } from "./api-types";

export type CurrentUser = components["schemas"]["UserOutput"];

interface AuthState {
  user: CurrentUser | null;
  loading: boolean;
  setUser: (user: CurrentUser | null) => void;
  refresh: () => Promise<void>;
  /** Ends the server session; the caller then reloads the page to forget everything. */
  endSession: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** The page said nobody is signed in (templates/spa.html): no need to ask the API, whose
 * 401 would be logged on the console of every anonymous page. */
function pageSaysAnonymous(): boolean {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="metskin-session"]');
  return meta?.content === "anonymous";
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      setUser(await apiFetch<CurrentUser>("me/"));
    } catch (error) {
      if (!(error instanceof ApiError) || ![401, 403].includes(error.status)) {
        console.error(error);
      }
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, []);

  const endSession = useCallback(async () => {
    await apiFetch<void>("auth/logout/", { method: "POST" });
  }, []);

  useEffect(() => {
    if (pageSaysAnonymous()) {
      setLoading(false);
      return;
    }
    void refresh();
  }, [refresh]);

  const value = useMemo(
    () => ({ user, loading, setUser, refresh, endSession }),
    [user, loading, refresh, endSession],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth must be used inside <AuthProvider>");
  return state;
}
