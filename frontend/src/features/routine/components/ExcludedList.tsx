import type { Excluded } from "../api";

/** "We left out X because …": every exclusion the safety rules made. */
export function ExcludedList({ items }: { items: Excluded[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="excluded-title" className="mb-4">
      <h2 className="h5" id="excluded-title">
        What we left out, and why
      </h2>
      <ul className="list-unstyled">
        {items.map((item) => (
          <li key={`${item.rule}-${item.item}`} className="mb-2 ps-3 border-start border-3 border-warning">
            <strong>{item.item}</strong>
            <br />
            <span>{item.reason}</span>
            {item.learn_url && (
              <>
                {" "}
                <a href={item.learn_url}>Learn more</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
