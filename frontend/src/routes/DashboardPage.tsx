import { Card, Col, Container, Row } from "react-bootstrap";
import { Link } from "react-router-dom";

import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";

interface Tile {
  to: string;
  title: string;
  text: string;
  external?: boolean;
}

// What a signed-in person can do; each feature adds its tile here.
const TILES: Tile[] = [
  {
    to: "/analyse",
    title: "Analyse my skin",
    text: "Upload a photo or a short video: skin tone and visible concerns in under a minute.",
  },
  {
    to: "/history",
    title: "My history",
    text: "Your analyses over time, with charts, and any two side by side.",
  },
  {
    to: "/profile/skin",
    title: "My skin profile",
    text: "Your skin type, sensitivity, allergies and pregnancy: we keep your routine safe with them.",
  },
  {
    to: "/routine",
    title: "My routine",
    text: "Your morning and evening routine with real products, why each one, and how to start it.",
  },
  { to: "/products", title: "Find products", text: "Search products by type, skin type, concern and price." },
  {
    to: "/ingredients/check",
    title: "Check an ingredient list",
    text: "Paste a product's ingredients: see its flags and whether it suits your routine.",
  },
  { to: "/profile", title: "Profile and reminders", text: "Your details, time zone and how we remind you." },
  { to: "/appointments", title: "My appointments", text: "Your bookings with dermatologists: see, move or cancel them." },
  { to: "/doctors", title: "Find a dermatologist", text: "Board-certified dermatologists near you or by video, soonest first." },
  { to: "/learn/", title: "Learn", text: "Articles, videos and a glossary about skin care.", external: true },
];

export function DashboardPage() {
  usePageTitle("Dashboard");
  const { user } = useAuth();
  return (
    <Container className="py-4">
      <h1 className="h2">Hello{user?.display_name ? `, ${user.display_name}` : ""}</h1>
      <p className="text-body-secondary">What would you like to do today?</p>
      <Row xs={1} sm={2} lg={3} className="g-3">
        {TILES.map((tile) => (
          <Col key={tile.to}>
            {tile.external ? (
              <a className="ms-card-link" href={tile.to}>
                <TileCard tile={tile} />
              </a>
            ) : (
              <Link className="ms-card-link" to={tile.to}>
                <TileCard tile={tile} />
              </Link>
            )}
          </Col>
        ))}
      </Row>
    </Container>
  );
}

function TileCard({ tile }: { tile: Tile }) {
  return (
    <Card className="h-100">
      <Card.Body>
        <Card.Title as="h2" className="h5 text-primary">
          {tile.title}
        </Card.Title>
        <Card.Text>{tile.text}</Card.Text>
      </Card.Body>
    </Card>
  );
}
