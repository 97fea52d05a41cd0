export const STATUS_LABELS: Record<string, string> = {
  offered: "Offered to you",
  booked: "Booked",
  cancelled: "Cancelled",
  completed: "Completed",
  no_show: "Missed",
};

export const STATUS_VARIANTS: Record<string, string> = {
  offered: "warning",
  booked: "success",
  cancelled: "secondary",
  completed: "info",
  no_show: "danger",
};
