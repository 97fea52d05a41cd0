import { useState } from "react";
import { Button } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useBackupCodesLeft, useReplaceBackupCodes } from "../api";
import { BackupCodeList } from "./BackupCodeList";

/** For doctors and staff: how many backup codes are left, and a fresh set on request. */
export function BackupCodesPanel() {
  const { data, error: loadError } = useBackupCodesLeft();
  const [codes, setCodes] = useState<string[] | null>(null);
  const replace = useReplaceBackupCodes();
  const { isPending: pending, error } = replace;

  function handleReplace() {
    // The new codes are shown once: they live in this panel only, never in a cached read.
    replace.mutate(undefined, { onSuccess: (result) => setCodes(result.backup_codes) });
  }

  return (
    <>
      <FormAlert error={loadError ?? error} />
      {codes ? (
        <BackupCodeList codes={codes} />
      ) : (
        data && (
          <p className="mb-2">
            You have {data.remaining} unused backup code{data.remaining === 1 ? "" : "s"}. Making
            new ones stops the old ones from working.
          </p>
        )
      )}
      {!codes && (
        <Button variant="outline-primary" onClick={handleReplace} disabled={pending}>
          Make new backup codes
        </Button>
      )}
    </>
  );
}
