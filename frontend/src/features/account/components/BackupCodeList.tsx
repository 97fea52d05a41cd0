/** Backup codes, shown once: each signs in once when the authenticator app is not at hand. */
export function BackupCodeList({ codes }: { codes: string[] }) {
  return (
    <>
      <p className="mb-2">
        Keep these backup codes somewhere safe (a password manager, or printed). Each one signs
        you in once if you lose your phone. We will not show them again.
      </p>
      <ul className="list-unstyled row row-cols-2 g-1 font-monospace mb-3" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code} className="col user-select-all">
            {code}
          </li>
        ))}
      </ul>
    </>
  );
}
