import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import { UploadPanel } from "./UploadPanel";

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

function renderPanel(onUploaded = vi.fn()) {
  render(
    <MemoryRouter>
      <UploadPanel onUploaded={onUploaded} />
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
    render(
      <MemoryRouter>
        <UploadPanel sameSpotAs="a1" />
      </MemoryRouter>,
    );

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
});
