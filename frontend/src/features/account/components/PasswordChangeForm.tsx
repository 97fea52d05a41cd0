import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import { useChangePassword } from "../api";
import { SavedAlert } from "../../../components/SavedAlert";

export function PasswordChangeForm() {
  const [oldPassword, setOldPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [done, setDone] = useState(false);
  const change = useChangePassword();
  const { isPending: pending, error } = change;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    change.mutate(
      { old_password: oldPassword, new_password: newPassword },
      {
        onSuccess: () => {
          setDone(true);
          setOldPassword("");
          setNewPassword("");
        },
      },
    );
  }

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Change password">
      <FormAlert error={error} />
      <SavedAlert show={done}>Your password is changed.</SavedAlert>
      <TextField
        name="old_password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={oldPassword}
        onChange={setOldPassword}
        error={error}
      />
      <TextField
        name="new_password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={setNewPassword}
        error={error}
        help="At least 10 characters; not a common password."
      />
      <Button type="submit" variant="outline-primary" disabled={pending}>
        Change password
      </Button>
    </Form>
  );
}
