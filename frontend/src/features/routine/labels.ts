// Words shown for the codes the recommendations API sends.

export const STEP_LABELS: Record<string, string> = {
  cleanse: "Cleanse",
  treat: "Treat",
  eye_care: "Eye care",
  moisturise: "Moisturise",
  protect: "Protect (SPF 30+)",
};

export const URGENCY: Record<string, { title: string; variant: string; when: string }> = {
  promptly: { title: "See a dermatologist promptly", variant: "danger", when: "Book within the next few days." },
  soon: { title: "See a dermatologist soon", variant: "warning", when: "Book within the next few weeks." },
  routine: { title: "See a dermatologist", variant: "info", when: "Book a routine appointment." },
};
