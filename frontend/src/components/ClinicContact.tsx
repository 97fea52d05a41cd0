interface Clinic {
  clinic_name?: string;
  address_line?: string;
  city?: string;
  region?: string;
  postcode?: string;
  clinic_phone?: string;
}

/** The clinic's address and a phone number a phone can dial (the way to reach a person once
 * a visit can no longer be changed online). */
export function ClinicContact({ clinic }: { clinic: Clinic }) {
  const street = [clinic.address_line, [clinic.city, clinic.region, clinic.postcode].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  return (
    <>
      <address className="mb-1">
        {clinic.clinic_name && <span className="d-block fw-semibold">{clinic.clinic_name}</span>}
        {street && <span className="d-block">{street}</span>}
      </address>
      {clinic.clinic_phone ? (
        <a href={`tel:${clinic.clinic_phone.replace(/[^+0-9]/g, "")}`} className="d-inline-block py-1">
          Call {clinic.clinic_phone}
        </a>
      ) : (
        <span className="text-body-secondary">No phone number given</span>
      )}
    </>
  );
}
