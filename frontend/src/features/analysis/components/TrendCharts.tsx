import { Card, Col, Row, Table } from "react-bootstrap";
import { Line } from "react-chartjs-2";

import type { AnalysisItem } from "../api";
import { formatDate } from "../labels";
import { MEASURED_CONCERNS, concernLabel } from "../../../lib/vocabulary";
import "../../../lib/charts"; // registers the chart parts; no animation when less motion is asked for

// One line colour per concern, in the vocabulary's order (dark enough to read on white);
// a concern this build does not know is grey.
const PALETTE = ["#dc2626", "#db2777", "#92400e", "#ca8a04", "#0891b2", "#65a30d", "#2563eb", "#7c3aed", "#c026d3"];

function colourOf(name: string): string {
  const index = (MEASURED_CONCERNS as readonly string[]).indexOf(name);
  return index < 0 ? "#52606d" : PALETTE[index % PALETTE.length];
}

/** Each concern and ITA° over time, as charts and as a table (for screen readers). */
export function TrendCharts({ items }: { items: AnalysisItem[] }) {
  const done = items.filter((item) => item.status === "done" && item.summary).reverse();
  if (done.length < 2) {
    return (
      <p className="text-body-secondary">
        Charts appear once you have two finished analyses. Take a photo every few weeks, in the same
        light, to follow your skin over time.
      </p>
    );
  }
  const labels = done.map((item) => formatDate(item.created_at));
  const names = Array.from(new Set(done.flatMap((item) => Object.keys(item.summary?.concerns ?? {}))));
  const concernData = {
    labels,
    datasets: names.map((name) => ({
      label: concernLabel(name),
      // null = not checked in that photo: a gap in the line, never a 0 nor a line across it.
      data: done.map((item) => item.summary?.concerns[name] ?? null),
      borderColor: colourOf(name),
      backgroundColor: colourOf(name),
      spanGaps: false,
      tension: 0.2,
    })),
  };
  const itaData = {
    labels,
    datasets: [
      {
        label: "ITA° (higher = lighter)",
        data: done.map((item) => item.summary?.ita ?? null),
        borderColor: "#0f766e",
        backgroundColor: "#0f766e",
        spanGaps: false,
        tension: 0.2,
      },
    ],
  };
  return (
    <>
      <Row className="g-4">
        <Col lg={7}>
          <Card>
            <Card.Body>
              <Card.Title as="h3" className="h6">
                Concerns over time (0–100)
              </Card.Title>
              <p className="small text-body-secondary mb-2">
                A gap in a line: that concern was not checked in that photo.
              </p>
              <div className="ms-chart">
                <Line
                  data={concernData}
                  options={{ maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } }}
                  aria-label="Chart of each concern over time"
                  role="img"
                />
              </div>
            </Card.Body>
          </Card>
        </Col>
        <Col lg={5}>
          <Card>
            <Card.Body>
              <Card.Title as="h3" className="h6">
                Skin tone (ITA°) over time
              </Card.Title>
              <div className="ms-chart">
                <Line
                  data={itaData}
                  options={{ maintainAspectRatio: false, plugins: { legend: { display: false } } }}
                  aria-label="Chart of ITA over time"
                  role="img"
                />
              </div>
            </Card.Body>
          </Card>
        </Col>
      </Row>
      <details className="mt-3">
        <summary>The numbers as a table</summary>
        <Table size="sm" responsive className="mt-2">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">ITA°</th>
              {names.map((name) => (
                <th scope="col" key={name}>
                  {concernLabel(name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {done.map((item, index) => (
              <tr key={item.id}>
                <th scope="row">{labels[index]}</th>
                <td>{item.summary?.ita?.toFixed(1) ?? "–"}</td>
                {names.map((name) => (
                  <td key={name}>{notChecked(item.summary?.concerns[name])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </>
  );
}

function notChecked(severity: number | null | undefined): string | number {
  return severity === null || severity === undefined ? "not checked" : severity;
}
