import { useState } from "react";
import { Button } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useSwapFocus } from "../../../lib/useSwapFocus";
import { useSignOutEverywhere } from "../api";

/** Ends every session (other browsers, phones) and every API token, then this one too. */
export function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const signOut = useSignOutEverywhere();
  const { isPending: pending, error } = signOut;
  const { triggerRef, panelRef } = useSwapFocus<HTMLButtonElement, HTMLDivElement>(confirming);

  function handleConfirm() {
    // Reload to forget everything this page held: the session is gone.
    signOut.mutate(undefined, { onSuccess: () => window.location.assign("/signin?signed_out=everywhere") });
  }

  return (
    <>
      <p className="mb-2">
        Lost a phone, or signed in on a shared computer? Sign out of MetSkin on every device and
        app at once, this one included.
      </p>
      <FormAlert error={error} />
      {confirming ? (
        <div ref={panelRef} className="d-flex flex-wrap gap-2" role="group" aria-label="Sign out everywhere?">
          <Button variant="danger" onClick={handleConfirm} disabled={pending}>
            {pending ? "Signing out…" : "Yes, sign out everywhere"}
          </Button>
          {/* The focus lands here: an Enter pressed by habit keeps every session. */}
          <Button variant="link" data-autofocus onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button ref={triggerRef} variant="outline-danger" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      )}
    </>
  );
}
