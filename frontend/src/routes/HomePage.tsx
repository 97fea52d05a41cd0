import { Card, Col, Container, Row } from "react-bootstrap";

import { LinkButton } from "../components/LinkButton";
import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";

const STEPS = [
  {
    title: "A measured analysis",
    text: "Upload a photo or a short video. We measure your skin tone (ITA°, Monk scale, an estimated Fitzpatrick type, undertone) and visible concerns such as redness, spots, shine and texture — each with how sure we are and where we saw it.",
  },
  {
    title: "A routine that is safe for you",
    text: "Morning and evening steps with real products and how to use them, checked for ingredient clashes, pregnancy and your allergies.",
  },
  {
    title: "A dermatologist when it matters",
    text: "When the photo or your answers call for a doctor's eyes, we say so plainly, and you can book a dermatologist and share your analysis with them.",
  },
];

export function HomePage() {
  usePageTitle("");
  const { user } = useAuth();
  return (
    <>
      <section className="ms-hero py-5">
        <Container>
          <Row className="align-items-center">
            <Col lg={7}>
              <h1 className="display-5 fw-bold">Understand your skin</h1>
              <p className="lead">
                MetSkin looks at a photo of your skin, tells you what it sees in plain words, builds
                a routine around it and helps you see a dermatologist when you should.
              </p>
              <div className="d-flex flex-wrap gap-2">
                {user ? (
                  <LinkButton to="/dashboard" size="lg">
                    Go to my dashboard
                  </LinkButton>
                ) : (
                  <>
                    <LinkButton to="/signup" size="lg">
                      Create a free account
                    </LinkButton>
                    <LinkButton to="/signin" size="lg" variant="outline-primary">
                      Sign in
                    </LinkButton>
                  </>
                )}
              </div>
              <p className="small text-body-secondary mt-3 mb-0">
                Your photos are private: only you, and a doctor you choose, can see them.
              </p>
            </Col>
          </Row>
        </Container>
      </section>
      <Container className="py-5">
        <h2 className="h3 mb-4">What MetSkin does</h2>
        <Row xs={1} md={3} className="g-4">
          {STEPS.map((step) => (
            <Col key={step.title}>
              <Card className="h-100">
                <Card.Body>
                  <Card.Title as="h3" className="h5">
                    {step.title}
                  </Card.Title>
                  <Card.Text>{step.text}</Card.Text>
                </Card.Body>
              </Card>
            </Col>
          ))}
        </Row>
        <p className="mt-4 ms-disclaimer ps-3">
          MetSkin's analysis is not a diagnosis. It points out what is worth a closer look and
          when to show a dermatologist; only a doctor can diagnose a skin condition.
        </p>
      </Container>
    </>
  );
}
