import {
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from "chart.js";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

// Someone who asked their device for less motion gets each chart drawn at once, not grown
// from zero (the browser tests ask for it too, so a screenshot never catches a half-drawn line).
if (typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) {
  ChartJS.defaults.animation = false;
}
