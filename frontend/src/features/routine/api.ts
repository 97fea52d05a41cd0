import { useQuery } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { loader } from "../../lib/query";
import type { components } from "../../lib/api-types";

export type Recommendation = components["schemas"]["RecommendationOutput"];
export type RoutineStep = components["schemas"]["StepOutput"];
export type RoutineProduct = components["schemas"]["RoutineProductOutput"];
export type Excluded = components["schemas"]["ExcludedOutput"];
export type Referral = components["schemas"]["ReferralOutput"];
export type RankedConcern = components["schemas"]["ConcernOutput"];
export type Tip = components["schemas"]["TipOutput"];

export const getRecommendation = () => apiFetch<Recommendation>("recommendations/");

export type RoutineChanges = components["schemas"]["RoutineChangesOutput"];
export type StepChange = components["schemas"]["StepChangeOutput"];

/** What the latest analysis changed in the routine (a second engine run: ask only when shown). */
export const getRoutineChanges = () => apiFetch<RoutineChanges>("recommendations/changes/");

/** The routine; `enabled: false` asks nothing yet (the analysis page waits for its result). */
export const useRecommendation = (enabled = true) =>
  useQuery({ queryKey: ["recommendations"], queryFn: loader(getRecommendation), enabled });

export const useRoutineChanges = () =>
  useQuery({ queryKey: ["recommendations", "changes"], queryFn: loader(getRoutineChanges) });
