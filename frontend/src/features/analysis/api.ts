import { apiFetch } from "../../lib/api";
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
