import { Table } from "react-bootstrap";

import type { IngredientLine } from "../api";
import { FlagBadges } from "./FlagBadges";

/** A full ingredient list in label order, with what each ingredient is and its flags. */
export function IngredientTable({ lines }: { lines: IngredientLine[] }) {
  return (
    <Table responsive size="sm" className="align-middle">
      <caption className="visually-hidden">Ingredients in the order printed on the label</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Ingredient</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.position}>
            <td className="text-body-secondary">{line.position}</td>
            <td>
              {line.listed_name}
              {line.concentration_percent && ` (${Number(line.concentration_percent)}%)`}
              {line.inci_name && line.inci_name.toLowerCase() !== line.listed_name.toLowerCase() && (
                <div className="small text-body-secondary">{line.inci_name}</div>
              )}
              {!line.known && <div className="small text-body-secondary">Not in our ingredient list</div>}
              {line.may_contain && <div className="small text-body-secondary">May contain</div>}
            </td>
            <td>
              <FlagBadges flags={line.flags} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
