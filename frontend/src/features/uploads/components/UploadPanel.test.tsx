import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import { UploadPanel } from "./UploadPanel";
import { renderWithQuery } from "../../../test/query";

const MB = 1024 * 1024;
const LIMITS = {
  photo_formats: ["JPEG", "PNG", "WebP", "HEIC"],
  video_formats: ["MP4", "MOV", "WebM"],
  photo_max_bytes: 20 * MB,
  video_max_bytes: 100 * MB,
  video_max_seconds: 60,
  quota_files: 300,
  quota_bytes: 2048 * MB,
  used_files: 3,
  used_bytes: 5 * MB,
};

/** GET /uploads/limits/ answers with `limits`. */
function stubLimits(limits = LIMITS) {
  const fetch = vi.fn().mockImplementation(() =>
    Promise.resolve(new Response(JSON.stringify(limits), { status: 200, headers: { "Content-Type": "application/json" } })),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

interface Reply {
  status: number;
  body: unknown;
}

/** A stand-in for XMLHttpRequest that reports progress, then answers with `reply`. */
function fakeXhr(replies: Reply[]) {
  const sent: { url: string; headers: Record<string, string>; body: FormData }[] = [];
  class FakeXhr {
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    status = 0;
    responseText = "";
    withCredentials = false;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = "";
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    abort() {}
    send(body: FormData) {
      sent.push({ url: this.url, headers: this.headers, body });
      const reply = replies.shift()!;
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
        setTimeout(() => {
          this.status = reply.status;
          this.responseText = JSON.stringify(reply.body);
          this.onload?.();
        }, 5);
      }, 5);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  return sent;
}

function renderPanel(onUploaded = vi.fn(), sameSpotAs?: string) {
  stubLimits();
  renderWithQuery(
    <MemoryRouter>
      <UploadPanel onUploaded={onUploaded} sameSpotAs={sameSpotAs} />
    </MemoryRouter>,
  );
  return onUploaded;
}

describe("UploadPanel", () => {
  it("uploads several files at once, one progress bar each", async () => {
    document.cookie = "csrftoken=abc123";
    const created = { id: "u1", kind: "photo", format: "jpeg", analysis: { id: "a1", status: "pending" } };
    const sent = fakeXhr([
      { status: 201, body: created },
      {
        status: 415,
        body: { error: { code: "unsupported_media", message: "This is not a photo or video we accept.", fields: {} } },
      },
    ]);
    const onUploaded = renderPanel();
    const photo = new File(["jpeg bytes"], "me.jpg", { type: "image/jpeg" });
    const text = new File(["hello"], "notes.txt", { type: "text/plain" });

    await userEvent.upload(screen.getByLabelText("Choose files"), [photo, text], {
      applyAccept: false,
    });

    expect(screen.getByRole("progressbar", { name: "Upload of me.jpg" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "See the analysis" })).toHaveAttribute("href", "/analyses/a1");
    expect(await screen.findByRole("alert")).toHaveTextContent("This is not a photo or video we accept.");
    expect(onUploaded).toHaveBeenCalledWith(created, 2);
    expect(sent.map((request) => request.url)).toEqual(["/api/v1/uploads/", "/api/v1/uploads/"]);
    expect(sent[0].headers["X-CSRFToken"]).toBe("abc123");
    expect((sent[0].body.get("file") as File).name).toBe("me.jpg");
  });

  it("sends the answers about the spot only when the photo shows one spot", async () => {
    const created = { id: "u1", kind: "photo", format: "jpeg", analysis: { id: "a1", status: "pending" } };
    const sent = fakeXhr([
      { status: 201, body: created },
      { status: 201, body: created },
    ]);
    renderPanel();
    const photo = () => new File(["jpeg bytes"], "spot.jpg", { type: "image/jpeg" });

    await userEvent.upload(screen.getByLabelText("Choose files"), photo());
    expect(screen.queryByRole("group", { name: "About this spot" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText("This photo shows one spot or mole I want checked"));
    const bleeds = screen.getByRole("radiogroup", { name: "Has it bled, without being scratched or cut?" });
    await userEvent.click(within(bleeds).getByLabelText("Yes"));
    const changed = screen.getByRole("radiogroup", { name: "Has it changed (shape, colour or look)?" });
    await userEvent.click(within(changed).getByLabelText("No"));
    await userEvent.type(screen.getByLabelText("Your age (optional)"), "63");
    await userEvent.upload(screen.getByLabelText("Choose files"), photo());

    await screen.findAllByRole("link", { name: "See the analysis" });
    expect(sent[0].body.get("answers")).toBeNull();
    expect(JSON.parse(sent[1].body.get("answers") as string)).toEqual({ bleeds: true, changed: false, age: 63 });
  });

  it("links a photo to the earlier photo of the same spot", async () => {
    const created = { id: "u1", kind: "photo", format: "jpeg", analysis: { id: "a2", status: "pending" } };
    const sent = fakeXhr([{ status: 201, body: created }]);
    renderPanel(vi.fn(), "a1");

    expect(screen.getByLabelText("This photo shows one spot or mole I want checked")).toBeChecked();
    expect(screen.getByText(/compared with your earlier photo of the same spot/)).toBeInTheDocument();
    await userEvent.upload(screen.getByLabelText("Choose files"), new File(["x"], "spot.jpg", { type: "image/jpeg" }));

    await screen.findByRole("link", { name: "See the analysis" });
    expect(sent[0].body.get("same_spot_as")).toBe("a1");
  });

  it("offers the phone camera", () => {
    renderPanel();

    const camera = screen.getByLabelText("Take a photo");
    expect(camera).toHaveAttribute("type", "file");
    expect(camera).toHaveAttribute("capture", "user");
    expect(camera).toHaveAttribute("accept", "image/*,video/*");
    expect(screen.getByLabelText("Choose files")).toHaveAttribute("multiple");
  });

  it("states the server's limits, and refuses a file too large before sending it", async () => {
    stubLimits({ ...LIMITS, photo_max_bytes: 1 * MB, video_max_seconds: 30 });
    renderWithQuery(
      <MemoryRouter>
        <UploadPanel />
      </MemoryRouter>,
    );
    expect(
      await screen.findByText("JPEG, PNG, WebP or HEIC photos up to 1 MB · MP4, MOV or WebM videos up to 100 MB and 30 s"),
    ).toBeInTheDocument();
    const sent = fakeXhr([]);
    const big = new File([new Uint8Array(2 * MB)], "big.jpg", { type: "image/jpeg" });

    await userEvent.upload(screen.getByLabelText("Choose files"), big);

    expect(await screen.findByRole("alert")).toHaveTextContent("This photo is 2.0 MB; photos can be up to 1 MB.");
    expect(sent).toHaveLength(0);
  });

  it("warns when the storage quota is nearly used", async () => {
    stubLimits({ ...LIMITS, used_files: 290 });
    renderWithQuery(
      <MemoryRouter>
        <UploadPanel />
      </MemoryRouter>,
    );
    expect(await screen.findByText(/You are keeping 290 of 300 files/)).toBeInTheDocument();
  });
});
