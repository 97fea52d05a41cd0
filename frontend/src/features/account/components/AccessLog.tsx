import { ListGroup, Spinner } from "react-bootstrap";

import { useAccessLog } from "../api";

/** "Who has seen your data": every read of it by a doctor or by MetSkin staff. */
export function AccessLog() {
  const { data, error } = useAccessLog();
  if (error) return <p className="text-danger">{error.message}</p>;
  if (!data) return <Spinner size="sm" />;
  if (data.results.length === 0) {
    return <p className="mb-0">Nobody but you has seen your analyses, photos or appointments.</p>;
  }
  return (
    <>
      <ListGroup variant="flush" className="small">
        {data.results.map((row) => (
          <ListGroup.Item key={`${row.at}-${row.kind}-${row.object_id}`} className="px-0">
            <strong>{row.viewer}</strong> saw your {row.kind_label.toLowerCase()}
            <br />
            <span className="text-body-secondary">
              {new Date(row.at).toLocaleString()} · {row.grounds_label}
            </span>
          </ListGroup.Item>
        ))}
      </ListGroup>
      {data.count > data.results.length && (
        <p className="small text-body-secondary mt-2 mb-0">
          The {data.results.length} most recent of {data.count}.
        </p>
      )}
    </>
  );
}
