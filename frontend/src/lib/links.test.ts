import { describe, expect, it } from "vitest";

import { webLink } from "./links";

describe("webLink", () => {
  it.each([
    "https://shop.example/cream",
    "http://shop.example/cream?size=50",
    "HTTPS://SHOP.EXAMPLE/",
  ])("keeps the web address %s", (url) => {
    expect(webLink(url)).toBe(url);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example/x",
    "//evil.example/x",
    "/products/1",
    "https:evil",
    "",
    null,
    undefined,
  ])("drops %s", (url) => {
    expect(webLink(url)).toBeNull();
  });
});
