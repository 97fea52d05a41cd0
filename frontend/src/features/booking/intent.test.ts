import { beforeEach, describe, expect, it } from "vitest";

import { availableBy, clearBookingIntent, directoryLink, readBookingIntent, saveBookingIntent } from "./intent";

describe("booking intent", () => {
  beforeEach(() => sessionStorage.clear());

  it("maps a referral's urgency to the date a doctor must be free by", () => {
    const today = new Date(2026, 11, 20);
    expect(availableBy("promptly", today)).toBe("2027-01-03");
    expect(availableBy("soon", today)).toBe("2027-01-31");
    expect(availableBy("routine", today)).toBeNull();
    expect(directoryLink("skin_cancer", "promptly", today)).toBe(
      "/doctors?specialty=skin_cancer&sort=soonest&available_by=2027-01-03",
    );
    expect(directoryLink("acne", "routine", today)).toBe("/doctors?specialty=acne&sort=soonest");
  });

  it("keeps the reason within the booking form's limit and forgets it when asked", () => {
    saveBookingIntent({ analysisId: "a1", analysisDate: "", reason: "x".repeat(1500) });
    expect(readBookingIntent()?.reason).toHaveLength(1000);
    clearBookingIntent();
    expect(readBookingIntent()).toBeNull();
  });

  it("ignores what it did not write", () => {
    sessionStorage.setItem("metskin.bookingIntent", "{not json");
    expect(readBookingIntent()).toBeNull();
    sessionStorage.setItem("metskin.bookingIntent", JSON.stringify({ reason: 3 }));
    expect(readBookingIntent()).toBeNull();
  });
});
