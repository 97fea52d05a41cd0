import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { loader } from "../../lib/query";
import type { components } from "../../lib/api-types";

export type Analysis = components["schemas"]["AnalysisDetailOutput"];
export type AnalysisItem = components["schemas"]["AnalysisListItemOutput"];
export type AnalysisResult = components["schemas"]["AnalysisResultSchema"];
export type Concern = components["schemas"]["ConcernSchema"];
export type Tone = components["schemas"]["ToneSchema"];
export type Phototype = components["schemas"]["PhototypeReportSchema"];
export type QualityIssue = components["schemas"]["QualityIssueSchema"];
export type Comparison = components["schemas"]["CompareOutput"];
export type Summary = components["schemas"]["SummarySchema"];
export type SpotToRecheck = components["schemas"]["SpotToRecheckOutput"];

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export const getAnalysis = (id: string) => apiFetch<Analysis>(`analyses/${id}/`);

export const listAnalyses = (pageSize = 100) =>
  apiFetch<Page<AnalysisItem>>(`analyses/?page_size=${pageSize}`);

export const deleteAnalysis = (id: string) => apiFetch<void>(`analyses/${id}/`, { method: "DELETE" });

export const compareAnalyses = (first: string, second: string) =>
  apiFetch<Comparison>(
    `analyses/compare/?first=${encodeURIComponent(first)}&second=${encodeURIComponent(second)}`,
  );

export const listSpotsToRecheck = () => apiFetch<SpotToRecheck[]>("analyses/spots-to-recheck/");

// Every read of analyses sits under "analyses": a change (a new or deleted analysis)
// invalidates them all.
export const analysisKeys = {
  all: ["analyses"] as const,
  detail: (id: string) => ["analyses", "detail", id] as const,
  list: (pageSize: number) => ["analyses", "list", pageSize] as const,
  compare: (first: string, second: string) => ["analyses", "compare", first, second] as const,
  spotsToRecheck: ["analyses", "spots-to-recheck"] as const,
};

const POLL_MS = 1000;

export const isWaiting = (analysis: Analysis | undefined) =>
  analysis?.status === "pending" || analysis?.status === "running";

/** One analysis, asked again once a second while it is waiting or running. The polling stops
 * when it is done or failed, on an error, and when the page unmounts. Media links expire after
 * a few minutes: `refetch` fetches fresh ones. */
export function useAnalysis(id: string) {
  return useQuery<Analysis>({
    queryKey: analysisKeys.detail(id),
    queryFn: loader(() => getAnalysis(id)),
    refetchInterval: (query) => (query.state.status !== "error" && isWaiting(query.state.data) ? POLL_MS : false),
  });
}

export const useAnalyses = (pageSize = 100) =>
  useQuery({ queryKey: analysisKeys.list(pageSize), queryFn: loader(() => listAnalyses(pageSize)) });

/** The comparison of two analyses; asks nothing until both are chosen. The key holds both ids,
 * so an answer for an earlier choice can never show for the current one. */
export function useComparison(first: string | undefined, second: string | undefined) {
  return useQuery({
    queryKey: analysisKeys.compare(first ?? "", second ?? ""),
    queryFn: loader(() => compareAnalyses(first ?? "", second ?? "")),
    enabled: Boolean(first && second),
  });
}

export const useSpotsToRecheck = () =>
  useQuery({ queryKey: analysisKeys.spotsToRecheck, queryFn: loader(listSpotsToRecheck) });

/** Several analyses at once (what a patient shared), oldest first. */
export function useAnalysesById(ids: string[]) {
  return useQuery({
    queryKey: ["analyses", "by-id", ...ids],
    queryFn: loader(async () =>
      (await Promise.all(ids.map(getAnalysis))).sort((a, b) => a.created_at.localeCompare(b.created_at)),
    ),
    enabled: ids.length > 0,
  });
}

export function useDeleteAnalysis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteAnalysis,
    // Everything about analyses is asked again, except what names the deleted one (it would 404).
    onSuccess: (_answer, id) =>
      client.invalidateQueries({ queryKey: analysisKeys.all, predicate: (query) => !query.queryKey.includes(id) }),
  });
}
